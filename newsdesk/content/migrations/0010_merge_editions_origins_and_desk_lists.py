from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0008_story_edition_and_translations'),
        ('content', '0008_story_origins'),
        ('content', '0009_story_kind_list_index'),
    ]

    operations = [
    ]
