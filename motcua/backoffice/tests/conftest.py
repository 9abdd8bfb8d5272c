from motcua.portal.tests.conftest import browser_type_launch_args, live_world, world  # noqa: F401
