"""Floods for bench/flood.sh, each from a client address of its own
(X-Forwarded-For, the bench trusts 127.0.0.1 as its proxy). Each prints one
line of what it saw.

  flood.py stalled ADDR COUNT SECONDS   COUNT snapshot requests whose answers are never
                                        read, each from another address (past the
                                        per-address limit: the per-instance cap holds)
  flood.py longpolls ADDR COUNT SECONDS COUNT long polls (wait=30) held at once
  flood.py methods ADDR COUNT           COUNT requests with random methods of up to 8,000 characters
"""
import asyncio
import collections
import random
import string
import sys
import time

FROM = {"longpolls": "203.0.113.68", "methods": "203.0.113.70"}


async def request(host, port, method, path, read=True, timeout=35, source=None):
    reader, writer = await asyncio.open_connection(host, port)
    source = source or FROM[sys.argv[1]]
    writer.write(
        f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nX-Forwarded-For: {source}\r\n"
        f"Accept-Encoding: gzip\r\nConnection: close\r\n\r\n".encode()
    )
    await writer.drain()
    if not read:
        return reader, writer
    try:
        status = await asyncio.wait_for(reader.readline(), timeout)
        await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    parts = status.split()
    return int(parts[1]) if len(parts) > 1 else 0


async def main():
    kind, addr = sys.argv[1], sys.argv[2]
    host, port = addr.split(":")
    port = int(port)
    if kind == "stalled":
        count, seconds = int(sys.argv[3]), float(sys.argv[4])
        held = []
        for i in range(count):
            try:
                source = f"198.51.{100 + i // 250}.{1 + i % 250}"
                held.append(await request(host, port, "GET", "/v1/registry/snapshot", read=False, source=source))
            except Exception:
                pass
        await asyncio.sleep(seconds)
        seen = collections.Counter()
        for reader, writer in held:
            line = await asyncio.wait_for(reader.readline(), 5)
            parts = line.split()
            seen[int(parts[1]) if len(parts) > 1 else "closed"] += 1
            writer.close()
        print(f"stalled snapshot readers from {count} addresses, never reading: {dict(seen)}")
    elif kind == "longpolls":
        count, seconds = int(sys.argv[3]), float(sys.argv[4])
        started = time.monotonic()

        async def poll():
            began = time.monotonic()
            try:
                status = await request(host, port, "GET", "/v1/changes?after=999999999&wait=30")
            except Exception:
                return "error"
            return f"{status} held" if time.monotonic() - began > 5 else f"{status} at once"

        results = collections.Counter(await asyncio.gather(*(poll() for _ in range(count))))
        print(f"long polls from one address: {count} sent: {dict(results)}, {time.monotonic() - started:.1f} s")
    elif kind == "methods":
        count = int(sys.argv[3])
        seen = collections.Counter()
        for _ in range(count):
            method = "".join(random.choices(string.ascii_uppercase, k=random.randint(1, 8000)))
            path = f"/{random.getrandbits(64):x}"
            try:
                seen[await request(host, port, method, path)] += 1
            except Exception:
                seen["error"] += 1
        print(f"random methods: {dict(seen)}")


asyncio.run(main())
