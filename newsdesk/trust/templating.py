"""What the readers' templates call for trust: a Jinja2 extension (listed in the Jinja2
engine's OPTIONS in settings) adding its functions as globals, so the public app's story
page can include trust's boxes without importing trust."""

from jinja2.ext import Extension

from newsdesk.content.services.provenance import lineage
from newsdesk.wire.services.coverage import also_reported


class TrustExtension(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.globals.update(story_lineage=lineage, also_reported=also_reported)
