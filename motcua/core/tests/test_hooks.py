"""The hook points: subscribers are called in the order connected, a name is never silently replaced, and a test
that swaps a subscriber gets the old one back."""

import pytest

from motcua.core.hooks import Hook, HookError


def test_subscribers_are_called_in_the_order_they_were_connected():
    hook: Hook = Hook("test.order")
    calls = []
    hook.connect("first", lambda: calls.append("first"))
    hook.connect("second", lambda: calls.append("second"))
    for subscriber in hook:
        subscriber()
    assert calls == ["first", "second"]
    assert hook.names() == ["first", "second"]


def test_connecting_a_name_twice_is_refused_instead_of_replacing_the_first():
    hook: Hook = Hook("test.twice")
    first = object()
    hook.connect("metrics", first)
    with pytest.raises(HookError, match="already connected"):
        hook.connect("metrics", object())
    assert hook.get("metrics") is first


def test_a_single_hook_takes_one_subscriber():
    hook: Hook = Hook("test.single", single=True)
    assert hook.one() is None
    hook.connect("a", 1)
    with pytest.raises(HookError, match="takes one subscriber"):
        hook.connect("b", 2)
    assert hook.one() == 1


def test_disconnecting_an_unknown_name_is_an_error():
    with pytest.raises(HookError, match="not connected"):
        Hook("test.unknown").disconnect("nobody")


def test_connected_and_replaced_put_things_back_even_when_the_block_fails():
    hook: Hook = Hook("test.context")
    hook.connect("a", "A")
    hook.connect("b", "B")
    seen = []

    def fail_inside(context):
        with context:
            seen.append(list(hook.items()))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_inside(hook.connected("c", "C"))
    with pytest.raises(RuntimeError):
        fail_inside(hook.replaced("a", "A2"))
    assert seen == [[("a", "A"), ("b", "B"), ("c", "C")], [("a", "A2"), ("b", "B")]]  # replaced in its place
    assert hook.items() == [("a", "A"), ("b", "B")]
    with pytest.raises(HookError, match="not connected"):
        fail_inside(hook.replaced("z", "Z"))
