from newsdesk.content.text import make_slug


class NamedWithSlug:
    """Sections, tags, sources and people: shown by name, addressed by a slug made from it
    (the one slug rule) unless an editor chose one."""

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = make_slug(self.name)
        super().save(*args, **kwargs)
