from motcua.portal.tests.conftest import (  # noqa: F401
    _fresh_page_caches,
    browser_type_launch_args,
    live_world,
    world,
)
