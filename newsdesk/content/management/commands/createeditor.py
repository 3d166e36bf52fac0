from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or update a staff account for the desk and admin."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password", help="Asked for when omitted.")
        parser.add_argument("--email", default="")
        parser.add_argument("--superuser", action="store_true", help="Give every permission.")

    def handle(self, *args, username, password, email, superuser, **options):
        if not password:
            import getpass

            password = getpass.getpass("Password: ")
        if not password:
            raise CommandError("A password is required.")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email}
        )
        user.is_staff = True
        user.is_superuser = user.is_superuser or superuser
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} editor {username!r}.")
