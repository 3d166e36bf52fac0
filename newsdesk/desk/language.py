"""The desk in each editor's own language: chosen in the desk, kept on their account, and
applied to desk pages only. Readers' pages keep the language the site gives them.

The choice travels in the editor's session (copied there when they sign in), so a desk page
costs no query more than it did: the desk's query budgets (a publish, a list) stay as they
were."""

from django import forms
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from newsdesk.accounts.models import EditorPreferences
from newsdesk.desk.access import desk_view

# The languages whose catalogues ship with the desk (newsdesk/locale/).
DESK_LANGUAGES = ("en", "fa", "ar")
# Reviewers without an account open shared previews: a reader's page, not the desk.
NOT_DESK_PAGES = {"desk:preview"}


def language_choices() -> list[tuple[str, str]]:
    """Each language named in itself, as an editor looking for theirs would read it."""
    return [(code, translation.get_language_info(code)["name_local"]) for code in DESK_LANGUAGES]


SESSION_KEY = "desk_language"


def preferred_language(user) -> str:
    preferences = EditorPreferences.objects.filter(user=user).first()
    return preferences.language if preferences else ""


@receiver(user_logged_in, dispatch_uid="desk-language-into-session")
def remember_language(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = preferred_language(user)


def session_language(request) -> str:
    """The editor's desk language; read from their account once if the session predates it."""
    language = request.session.get(SESSION_KEY)
    if language is None:
        language = request.session[SESSION_KEY] = preferred_language(request.user)
    return language


class DeskLanguageMiddleware:
    """After authentication: a signed-in editor's desk pages in their chosen language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not match or match.view_name in NOT_DESK_PAGES:
            return None
        if not {"desk", "wire"} & set(match.namespaces) or not request.user.is_authenticated:
            return None
        language = session_language(request)
        if language in DESK_LANGUAGES:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return None


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=language_choices, label=gettext_lazy("Language"))


@desk_view
@require_POST
def choose_language(request):
    form = LanguageForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = ""
    if form.is_valid():
        language = form.cleaned_data["language"]
        EditorPreferences.objects.update_or_create(
            user=request.user, defaults={"language": language}
        )
        request.session[SESSION_KEY] = language
        translation.activate(language)
    else:
        messages.error(request, _("Choose one of the desk's languages."))
    return redirect(back or "desk:story-list")
