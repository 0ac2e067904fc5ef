"""The wire between the trusted grader and the sandboxed worker.

A message is a 4-byte length + JSON header, followed by one frame per array in `.npy` format. Reading never
unpickles: arrays load with allow_pickle=False, and anything that is not a plain value crosses as a handle
(the worker side) or a callback (the trusted side). Both sides use this module; it imports only numpy.
"""
from __future__ import annotations

import io
import json
import math
import re
import socket
import struct
import time
from typing import Any, Callable

import numpy as np

MAX_HEADER = 64 * 1024 * 1024
MAX_FRAME = 2 * 1024 * 1024 * 1024
# What the trusted side accepts from a worker: one value of at most 64 MiB, one message of at most 256 MiB.
TRUSTED_MAX_FRAME = 64 * 1024 * 1024
TRUSTED_MAX_MESSAGE = 256 * 1024 * 1024


class ProtocolError(RuntimeError):
    pass


class PeerClosed(ProtocolError):
    pass


class TooLarge(ProtocolError):
    """A message past the size limits: the stream cannot be read further."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"a value of {size / 2**20:.0f} MiB, past the limit of {limit / 2**20:.0f} MiB")
        self.size, self.limit = size, limit


def _recv_exact(sock: socket.socket, n: int, deadline: float | None = None) -> bytearray:
    """Read n bytes; past `deadline` (time.monotonic()) raise socket.timeout, however slowly the bytes trickle.
    Read into one buffer (no join of the pieces): arrays are then made on it without another copy."""
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout("deadline passed")
            sock.settimeout(remaining)
        count = sock.recv_into(view[got:], min(n - got, 1 << 20))
        if not count:
            raise PeerClosed("the other side closed the connection")
        got += count
    return buf


def _recv_frame(sock: socket.socket, limit: int, deadline: float | None = None) -> bytearray:
    (size,) = struct.unpack("!Q", _recv_exact(sock, 8, deadline))
    if size > limit:
        raise TooLarge(size, limit)
    return _recv_exact(sock, size, deadline)


class Encoder:
    """Turns values into JSON + array frames. `opaque` decides what to do with anything else."""

    def __init__(self, opaque: Callable[[Any], dict]) -> None:
        self.opaque = opaque

    def encode(self, value: Any) -> tuple[Any, list[np.ndarray]]:
        arrays: list[np.ndarray] = []
        return self._enc(value, arrays, 0), arrays

    def _enc(self, v: Any, arrays: list[np.ndarray], depth: int) -> Any:
        if depth > 64:
            raise ProtocolError("value nested too deeply to send")
        if isinstance(v, np.generic) and v.dtype.kind in "biufcUS":  # before int/float: np.float64 is a float
            arrays.append(np.asarray(v))
            return {"__npscalar__": len(arrays) - 1}
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int):
            return v if abs(v) < 2**63 else {"__bigint__": str(v)}
        if isinstance(v, float):
            return v if math.isfinite(v) else {"__float__": repr(v)}
        if isinstance(v, np.ndarray) and v.dtype.kind in "biufcUS" and not v.dtype.hasobject:
            arrays.append(np.ascontiguousarray(v))
            return {"__ndarray__": len(arrays) - 1}
        if isinstance(v, tuple):
            return {"__tuple__": [self._enc(x, arrays, depth + 1) for x in v]}
        if isinstance(v, list):
            return [self._enc(x, arrays, depth + 1) for x in v]
        if isinstance(v, dict):
            if all(isinstance(k, str) and not k.startswith("__") for k in v):
                return {k: self._enc(x, arrays, depth + 1) for k, x in v.items()}
            return {"__dict__": [[self._enc(k, arrays, depth + 1), self._enc(x, arrays, depth + 1)] for k, x in v.items()]}
        return self.opaque(v)


class Decoder:
    """Reads JSON + frames back; `special` turns handle/callback markers into local objects."""

    def __init__(self, special: Callable[[dict], Any]) -> None:
        self.special = special

    def decode(self, value: Any, arrays: list[np.ndarray]) -> Any:
        if isinstance(value, list):
            return [self.decode(x, arrays) for x in value]
        if not isinstance(value, dict):
            return value
        if "__ndarray__" in value:
            return arrays[value["__ndarray__"]]
        if "__npscalar__" in value:
            return arrays[value["__npscalar__"]][()]
        if "__tuple__" in value:
            return tuple(self.decode(x, arrays) for x in value["__tuple__"])
        if "__dict__" in value:
            return {_hashable(self.decode(k, arrays)): self.decode(x, arrays) for k, x in value["__dict__"]}
        if "__float__" in value:
            return float(value["__float__"])
        if "__bigint__" in value:
            return int(value["__bigint__"])
        if any(k.startswith("__") for k in value):
            return self.special(value)
        return {k: self.decode(x, arrays) for k, x in value.items()}


def _hashable(k: Any) -> Any:
    if isinstance(k, list):
        return tuple(_hashable(x) for x in k)
    if isinstance(k, np.ndarray):
        raise ProtocolError("an array cannot be a dict key")
    return k


# An array frame is an .npy file (format 1.0). Arrays of plain dtypes, C order, are written and read here without
# np.save/np.load: parsing each header with ast.literal_eval cost more than the rest of a small reply (an
# optimizer's trajectory is hundreds of 2-vectors). Anything else goes through np.load, never with pickles.
_NPY_MAGIC = b"\x93NUMPY\x01\x00"
_PLAIN_HEADER = re.compile(rb"\{'descr': '([<>|=][biufcUS][0-9]{1,9})', 'fortran_order': False, "
                           rb"'shape': \(((?:[0-9]{1,18}, ?){0,32}[0-9]{0,18})\), \} *\n")
_SMALL = 1 << 16  # arrays up to this size travel in one write with the others of their message


def _npy_prefix(arr: np.ndarray) -> bytes:
    """The .npy magic and header of a C-order array of a plain dtype, padded as numpy pads it (64 bytes)."""
    header = f"{{'descr': '{arr.dtype.str}', 'fortran_order': False, 'shape': {tuple(arr.shape)!r}, }}"
    header += " " * (-(len(header) + 11) % 64) + "\n"
    return _NPY_MAGIC + struct.pack("<H", len(header)) + header.encode("latin1")


def _npy_array(frame: bytearray) -> np.ndarray:
    """An array from one .npy frame; writable, sharing the frame's buffer when the header is a plain one."""
    if frame[:8] == _NPY_MAGIC and len(frame) >= 10:
        start = 10 + int.from_bytes(frame[8:10], "little")
        m = _PLAIN_HEADER.fullmatch(frame, 10, start)
        if m is not None:
            return _plain_array(frame, start, m.group(1).decode("ascii"), m.group(2))
    try:
        array = np.load(io.BytesIO(frame), allow_pickle=False)
    except (ValueError, OSError, TypeError) as exc:
        raise ProtocolError(f"unreadable array: {exc}") from None
    return _bounded(array)


def _plain_array(frame: bytearray, start: int, descr: str, dims: bytes) -> np.ndarray:
    """The header is the worker's to write: a dtype numpy refuses, a shape the bytes do not fill, elements of
    size zero (a zero-byte frame 'holding' 10**18 of them, which a comparison would then loop over) are refused."""
    try:
        dtype = np.dtype(descr)
    except TypeError as exc:
        raise ProtocolError(f"unreadable array: {exc}") from None
    shape = tuple(int(d) for d in dims.split(b",") if d.strip())
    count = math.prod(shape)
    if count * dtype.itemsize != len(frame) - start:
        raise ProtocolError(f"unreadable array: {len(frame) - start} bytes for {count} elements of {descr}")
    array = np.frombuffer(frame, dtype, count, start) if count else np.empty(0, dtype)
    try:
        return _bounded(array.reshape(shape))
    except ValueError as exc:
        raise ProtocolError(f"unreadable array: {exc}") from None


def _bounded(array: np.ndarray) -> np.ndarray:
    if array.dtype.itemsize == 0 and array.size > 0:
        raise ProtocolError(f"unreadable array: {array.size} elements of zero bytes")
    return array


def send(sock: socket.socket, header: dict, arrays: list[np.ndarray] = ()) -> None:
    header = dict(header, arrays=len(arrays))
    payload = json.dumps(header, allow_nan=False).encode()
    pending = bytearray(struct.pack("!Q", len(payload)) + payload)
    for arr in arrays:
        if arr.dtype.kind in "biufcUS" and not arr.dtype.hasobject and arr.flags.c_contiguous:
            prefix = _npy_prefix(arr)
            pending += struct.pack("!Q", len(prefix) + arr.nbytes) + prefix
            if arr.nbytes <= _SMALL:
                pending += arr.tobytes()
                continue
            sock.sendall(pending)
            sock.sendall(memoryview(arr.reshape(-1).view(np.uint8)))  # a large array: no copy of it
            pending = bytearray()
            continue
        buf = io.BytesIO()
        np.save(buf, arr, allow_pickle=False)
        pending += struct.pack("!Q", len(buf.getvalue())) + buf.getvalue()
    sock.sendall(pending)


def recv(sock: socket.socket, *, deadline: float | None = None, max_frame: int = MAX_FRAME,
         max_message: int | None = None) -> tuple[dict, list[np.ndarray]]:
    """One message. The trusted side passes a deadline and its limits, so no worker can keep it waiting or fill
    its memory; the worker side reads with the defaults."""
    header_limit = min(MAX_HEADER, max_frame)
    raw = _recv_frame(sock, header_limit, deadline)
    total = len(raw)
    try:
        header = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ProtocolError(f"unreadable message: {exc}") from None
    if not isinstance(header, dict) or not isinstance(header.get("arrays", 0), int):
        raise ProtocolError("malformed message")
    arrays = []
    if header.get("arrays", 0) > 4096:
        raise ProtocolError("too many arrays in one message")
    for _ in range(header.get("arrays", 0)):
        frame = _recv_frame(sock, max_frame, deadline)
        total += len(frame)
        if max_message is not None and total > max_message:
            raise TooLarge(total, max_message)
        arrays.append(_npy_array(frame))
    return header, arrays
