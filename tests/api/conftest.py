"""Fixtures of the service tests. Their code lives in ``service_helpers`` so that test
modules import it by a name no other folder's conftest.py shares."""

from service_helpers import _cleanup_base, module_tmp, pg_url, service, tmp_path  # noqa: F401
