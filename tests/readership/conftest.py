import pytest

from newsdesk.readership import visitors


@pytest.fixture(autouse=True)
def read_spool(settings, tmp_path):
    """Each test's beacon writes its own spool (files outlive the test's database)."""
    settings.NEWSDESK_READS_SPOOL_DIR = tmp_path / "reads"
    return settings.NEWSDESK_READS_SPOOL_DIR


@pytest.fixture(autouse=True)
def fresh_salt_memo():
    """Each test's database starts without salts: so must this process's memo."""
    visitors.forget_salts()
    yield
    visitors.forget_salts()
