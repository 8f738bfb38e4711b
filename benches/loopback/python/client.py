"""The seed call N times through the official Python SDK, against the loopback server.

    python client.py <seq|par> <URL> [CALLS=10000] [IN_FLIGHT=64]

`seq` makes one call at a time with `seam.Seam`; `par` keeps IN_FLIGHT calls in flight
on one `seam.AsyncSeam` (httpx underneath). 200 calls warm the connection pool first and
are not counted. Prints one JSON line, as `bench-client` does. Needs `pip install seam`
(run.py makes a venv for it).
"""

import asyncio
import json
import sys
import time

from seam import AsyncSeam, Seam

API_KEY = "seam_bench1_0123456789abcdefghij"
WARM_UP = 200
CREDENTIAL = "66666666-6666-6666-6666-666666666666"
USER = "33333333-3333-3333-3333-333333333333"


def seq(url, calls):
    seam = Seam(api_key=API_KEY, endpoint=url)
    for _ in range(WARM_UP):
        seam.acs.credentials.unassign(acs_credential_id=CREDENTIAL, acs_user_id=USER)
    started = time.perf_counter()
    for _ in range(calls):
        seam.acs.credentials.unassign(acs_credential_id=CREDENTIAL, acs_user_id=USER)
    return time.perf_counter() - started


async def par(url, calls, in_flight):
    seam = AsyncSeam(api_key=API_KEY, endpoint=url)

    async def run(n):
        left = [n]

        async def worker():
            while left[0] > 0:
                left[0] -= 1
                await seam.acs.credentials.unassign(
                    acs_credential_id=CREDENTIAL, acs_user_id=USER
                )

        await asyncio.gather(*(worker() for _ in range(in_flight)))

    await run(WARM_UP)
    started = time.perf_counter()
    await run(calls)
    return time.perf_counter() - started


def main():
    mode, url = sys.argv[1], sys.argv[2]
    calls = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
    in_flight = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    if mode == "seq":
        secs = seq(url, calls)
        in_flight = 1
    else:
        secs = asyncio.run(par(url, calls, in_flight))
    print(
        json.dumps(
            {
                "impl": "python",
                "mode": mode,
                "calls": calls,
                "in_flight": in_flight,
                "secs": secs,
                "calls_per_sec": calls / secs,
            }
        )
    )


if __name__ == "__main__":
    main()
