from django.core.management.base import BaseCommand, CommandError

from newsdesk.ops import catalogues


class Command(BaseCommand):
    help = (
        "Extract every translatable message (Python, Django and Jinja2 templates, the desk's "
        "scripts) into the en, fa and ar catalogues under newsdesk/locale/; --check only "
        "reports what is missing, untranslated or fuzzy in the fa and ar catalogues."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="change nothing; fail on incomplete catalogues"
        )

    def handle(self, *args, check=False, **options):
        found = []
        for domain in catalogues.DOMAINS:
            template = catalogues.extract(domain)
            if not check:
                catalogues.update(template)
                self.stdout.write(f"{domain}: {len(template)} messages written.")
            for language in catalogues.TRANSLATED:
                found += catalogues.problems(template, language)
        for line in found:
            self.stdout.write(line)
        if check and found:
            raise CommandError(f"{len(found)} messages need a translation.")
