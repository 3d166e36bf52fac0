from django.conf import settings

from newsdesk.content.services.navigation import nav_sections


def site(request):
    return {
        "site_name": settings.NEWSDESK_SITE_NAME,
        "nav_sections": nav_sections(),
    }
