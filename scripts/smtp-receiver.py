#!/usr/bin/env python3
"""A loopback SMTP receiver for PaperRadar's mail tests and scripts/chaos (aiosmtpd).

Usage: smtp-receiver.py FOLDER PORT_FILE

Listens on 127.0.0.1 on a free port, writes the port to PORT_FILE (atomically) once it accepts connections, and
stores every message it receives as FOLDER/<n>.eml, the bytes as received. Runs until it is terminated.
"""
import asyncio
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = f"{os.getpid()}-{self.count:06d}.eml"
        temporary = os.path.join(self.folder, "." + name + ".tmp")
        with open(temporary, "wb") as file:
            file.write(envelope.original_content or envelope.content)
            file.flush()
            os.fsync(file.fileno())
        os.rename(temporary, os.path.join(self.folder, name))
        return "250 OK"


async def main(folder, port_file):
    os.makedirs(folder, exist_ok=True)
    store = Store(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(store, enable_SMTPUTF8=True), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(port_file + ".tmp", "w") as file:
        file.write(str(port))
    os.rename(port_file + ".tmp", port_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    # A parent may have left SIGTERM ignored or blocked (dispositions and the signal mask survive exec; a Swift test
    # process starts its children with most signals blocked): stop on it whatever was inherited.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    asyncio.run(main(sys.argv[1], sys.argv[2]))
