from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from newsdesk.content.roles import ROLES, ensure_roles


class Command(BaseCommand):
    help = "Create or update a staff account for the desk and admin, in one of the desk's roles."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password", help="Asked for when omitted.")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--role",
            choices=[name.lower() for name in ROLES],
            help="The desk role (default: editor; none with --superuser).",
        )
        parser.add_argument("--superuser", action="store_true", help="Give every permission.")

    def handle(self, *args, username, password, email, role, superuser, **options):
        # A staff account with no role can log in but the desk answers 403 to everything.
        role = role or (None if superuser else "editor")
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
        if role:
            ensure_roles()
            group_name = next(name for name in ROLES if name.lower() == role)
            user.groups.add(Group.objects.get(name=group_name))
        verb = "Created" if created else "Updated"
        as_what = f" as {role}" if role else ""
        self.stdout.write(f"{verb} editor {username!r}{as_what}.")
