from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('wire', '0004_event_clusters'),
        ('wire', '0004_items_seen_by_editors'),
    ]

    operations = [
    ]
