"""The package's build (the metadata is in pyproject.toml): it compiles the interface's
message catalogues (newsdesk/locale/*/LC_MESSAGES/*.po → .mo) with Babel on the way, so an
install from source speaks Persian and Arabic without GNU gettext and no .mo file is kept
in the repository."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "newsdesk" / "locale"


class BuildWithCatalogues(build_py):
    def run(self):
        for source in LOCALE.glob("*/LC_MESSAGES/*.po"):
            with source.open("rb") as file:
                catalog = read_po(file)
            with source.with_suffix(".mo").open("wb") as file:
                write_mo(file, catalog)
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
