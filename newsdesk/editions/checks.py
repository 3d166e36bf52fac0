from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from newsdesk.editions.config import editions


@checks.register(checks.Tags.compatibility)
def editions_configured(app_configs=None, **kwargs) -> list:
    """A mistyped NEWSDESK_EDITIONS stops `check` and start-up with its reason, rather
    than the first reader's request."""
    try:
        editions()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="newsdesk.E101")]
    return []
