"""A client that talks to the dashboard's server as a script would, with no browser: Streamlit's
own websocket messages (protobuf `BackMsg`) and its upload endpoint. What an attacker can send
to any hosted Streamlit app; the browser tests use it to send exactly that."""

from __future__ import annotations

import http.client
import uuid
from contextlib import contextmanager
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string
from websockets.sync.client import connect

TIMEOUT_S = 120


def _ws_url(server) -> str:
    return server.url.replace("http://", "ws://") + "/_stcore/stream"


@contextmanager
def raw_session(server, run: bool = True, finished: bool = False):
    """A session of the server's over a bare websocket: (socket, session id). `run`: ask for
    a first run, as a browser does (the session id comes with it); `finished`: wait until
    that run is over."""
    with connect(
        _ws_url(server), subprotocols=["streamlit"], open_timeout=TIMEOUT_S, max_size=None
    ) as socket:
        session_id = ""
        if run:
            message = BackMsg()
            message.rerun_script.query_string = ""
            message.rerun_script.page_script_hash = ""
            socket.send(message.SerializeToString())
            done = False
            while not session_id or (finished and not done):
                reply = ForwardMsg()
                reply.ParseFromString(socket.recv(timeout=TIMEOUT_S))
                kind = reply.WhichOneof("type")
                if kind == "new_session":
                    session_id = reply.new_session.initialize.session_id
                done = done or kind == "script_finished"
        yield socket, session_id


def send_clear_cache(server) -> None:
    """Streamlit's own `clear_cache` message, from a session of its own: the one the menu's
    "Clear cache" sends, which empties every `st.cache_data` and `st.cache_resource` of the
    server, for every visitor."""
    with raw_session(server, run=False) as (socket, _):
        message = BackMsg()
        message.clear_cache = True
        socket.send(message.SerializeToString())
        # One more message and its answer: the server has handled the first by then.
        heartbeat = BackMsg()
        heartbeat.app_heartbeat = True
        socket.send(heartbeat.SerializeToString())
        socket.recv(timeout=TIMEOUT_S)


def put_file(server, session_id: str, name: str, data: bytes) -> int:
    """PUT one file to Streamlit's upload endpoint for a session, as its uploader does, with
    a token of the client's own making (the endpoint checks only that cookie and header
    agree). Returns the HTTP status."""
    token = generate_xsrf_token_string()
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{name}"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    address = urlparse(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=TIMEOUT_S)
    try:
        connection.request(
            "PUT",
            f"/_stcore/upload_file/{session_id}/{uuid.uuid4()}",
            body=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": token,
                "Cookie": f"_streamlit_xsrf={token}",
            },
        )
        reply = connection.getresponse()
        reply.read()
        return reply.status
    finally:
        connection.close()
