"""The helper process of uploads/reader.py: reads requests (a pickled module-level function of
calculators/ and its arguments) from stdin and writes each answer to stdout, one at a time, at
a lower CPU priority. Only its parent ever writes to it."""

from __future__ import annotations

import os
import pickle
import struct
import sys

HEADER = struct.Struct("!I")


def read_message(stream):
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    size = HEADER.unpack(header)[0]
    body = stream.read(size)
    if len(body) < size:
        return None
    return pickle.loads(body)


def write_message(stream, value) -> None:
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(body)) + body)
    stream.flush()


def main() -> None:
    try:
        os.nice(10)  # below visitors, above batch jobs (19): a consultant waits for this answer
    except OSError:
        pass
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answers
    while (request := read_message(source)) is not None:
        fn, args, kwargs = request
        try:
            answer = (False, fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - handed back to the caller, which raises it
            answer = (True, exc)
        write_message(sink, answer)


if __name__ == "__main__":
    main()
