from motcua.portal.tests.conftest import (  # noqa: F401 - the browser tests' fixtures
    _fresh_page_caches,
    browser_type_launch_args,
    live_world,
)
