"""Calls through `call_with_room` (every web request, every report render) do not make CPython map
and unmap frame memory each time their depth goes up and down, whatever depth they start from.

A fresh mapping is seen as minor page faults when its memory is first touched, so faults counted
over many shallow calls tell whether each call got a new chunk: CPython 3.11 frees a chunk as soon
as the depth falls back below its first frame.
"""

import resource

import pytest
from django.test import RequestFactory

from common.frame_stack import RoomyStackApplication, call_with_room

CALLS = 1000
DEPTHS = range(0, 200)  # wide enough to cross at least one chunk boundary of 16 KB


def leaf():
    return 1


def up_and_down(calls):
    for _ in range(calls):
        leaf()


def at_depth(depth, func, *args):
    return func(*args) if depth == 0 else at_depth(depth - 1, func, *args)


def _pad(func, *args):
    return func(*args)


# The same call through frames one slot bigger each: with the depths, every alignment of the calls
# below against a chunk boundary is tried, whatever depth the test itself runs at.
PADS = [_pad.__code__.replace(co_stacksize=_pad.__code__.co_stacksize + n) for n in range(16)]


def padded(n):
    def pad(func, *args):
        return func(*args)

    pad.__code__ = PADS[n]
    return pad


def minor_faults(call, *args):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    call(*args)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def worst_faults(call):
    """The most page faults CALLS shallow calls caused, over every depth and alignment tried."""
    pads = [padded(n) for n in range(len(PADS))]
    return max(minor_faults(call, depth, pad) for depth in DEPTHS for pad in pads)


def test_without_room_a_chunk_boundary_costs_a_fresh_mapping_per_call():
    """The control: the cost this module avoids is there on this Python."""
    assert worst_faults(lambda depth, pad: at_depth(depth, pad, up_and_down, CALLS)) >= CALLS


@pytest.mark.parametrize("caller_depth", [0, 7, 23, 41])
def test_with_room_the_calls_below_reuse_one_chunk(caller_depth):
    def from_caller(depth, pad):
        at_depth(caller_depth, call_with_room, at_depth, depth, pad, up_and_down, CALLS)

    assert worst_faults(from_caller) < CALLS // 10


def test_call_with_room_passes_arguments_results_and_errors_through():
    assert call_with_room(divmod, 17, 5) == (3, 2)
    assert call_with_room(dict, a=1) == {"a": 1}
    with pytest.raises(ZeroDivisionError):
        call_with_room(divmod, 1, 0)


def test_the_site_application_handles_each_request_with_room(db, monkeypatch):
    from scrutiny import wsgi

    calls = []
    monkeypatch.setattr("common.frame_stack.call_with_room", lambda *a, **k: calls.append(a) or call_with_room(*a, **k))
    assert isinstance(wsgi.application, RoomyStackApplication)

    environ = RequestFactory().get("/accessibility/", secure=True).environ
    statuses = []
    body = b"".join(wsgi.application(environ, lambda status, headers, *exc: statuses.append(status)))
    assert statuses == ["200 OK"] and b"Accessibility statement" in body
    assert calls and calls[0][0] is wsgi.application.application
