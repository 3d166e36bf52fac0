from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('newsdesk_search', '0003_fold_more_letter_forms'),
        ('newsdesk_search', '0003_search_document_model'),
    ]

    operations = [
    ]
