"""Run a call where CPython 3.11 will not allocate and free frame memory over and over.

CPython 3.11 keeps a thread's Python frames in chunks of 16 KB on a stack of its own, and frees a
chunk (an munmap) as soon as the call depth falls back below the chunk's first frame; the next call
past that depth maps a new one and faults its pages in again. Django's template rendering and
WeasyPrint's layout go up and down by dozens of frames thousands of times a page, so wherever the
caller's depth puts a chunk boundary across those calls, each of them costs two system calls and a
page fault: 440 mmap/munmap pairs a page and up to 30% of the page's time, depending only on how
deep the caller happened to be (docs/decisions/0015-frame-stack-room.md).

`call_with_room` calls through a function whose frame reserves a large, unused evaluation stack.
Such a frame never fits in what is left of the current chunk, so CPython maps a chunk big enough
for it plus as much again (it sizes chunks in powers of two), and every frame below it finds room
in that one chunk: one mapping for the whole call, whatever the depth it was made from.
"""

# Frame slots (pointers) reserved: chunks are powers of two, so the frame below gets about as many.
ROOM_SLOTS = 16_384


def call_with_room(func, /, *args, **kwargs):
    """`func(*args, **kwargs)`, with about ROOM_SLOTS frame slots (128 KB, some 500 frames) of room."""
    return func(*args, **kwargs)


call_with_room.__code__ = call_with_room.__code__.replace(
    co_stacksize=call_with_room.__code__.co_stacksize + ROOM_SLOTS
)


class RoomyStackApplication:
    """A WSGI application that handles each request through `call_with_room`."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        return call_with_room(self.application, environ, start_response)
