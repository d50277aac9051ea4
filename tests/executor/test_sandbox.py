"""The sandbox contains a program: read-only filesystem, no network, nothing outlives it."""

from __future__ import annotations

import os
import sysconfig
import time
from pathlib import Path

import pytest
from tests.executor.conftest import run_source

pytestmark = pytest.mark.usefixtures("bwrap")

REPO = Path(__file__).resolve().parents[2]


def test_writing_into_the_repository_fails_and_is_reported(tmp_path: Path) -> None:
    target = REPO / "README.md"
    before = target.read_bytes()
    result = run_source(tmp_path, f"open({str(target)!r}, 'a').write('pwned')\n")
    assert result.returncode != 0 and result.ended == "exited"
    assert "Read-only file system" in result.stderr
    assert target.read_bytes() == before
    assert result.sandbox == "bwrap"


def test_the_scratch_folder_is_writable_too_but_only_inside(tmp_path: Path) -> None:
    result = run_source(tmp_path, f"open({str(tmp_path / 'x')!r}, 'w')\n")
    assert "Read-only file system" in result.stderr
    assert not (tmp_path / "x").exists()


def test_home_and_caches_live_in_a_fresh_folder_deleted_afterwards(tmp_path: Path) -> None:
    result = run_source(
        tmp_path,
        """
        import os
        names = ("HOME", "TMPDIR", "KERAS_HOME", "TORCHINDUCTOR_CACHE_DIR", "TRITON_CACHE_DIR",
                 "MPLCONFIGDIR", "XDG_CACHE_HOME", "PIP_CACHE_DIR", "JAX_COMPILATION_CACHE_DIR")
        cwd = os.getcwd()
        assert all(os.environ[n].startswith(cwd + "/") for n in names), os.environ
        open("written-here", "w").write("ok")
        print(cwd)
        """,
    )
    assert result.ok, result.stderr
    # The runner prints the folder as "." (no machine path in results); it is gone.
    assert result.stdout.strip() == "."
    assert not [
        p for p in Path("/tmp").glob("dlcompare-sandbox-*") if (p / "written-here").exists()
    ]


@pytest.mark.parametrize(
    "attempt",
    [
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.sendto(b'x', ('192.0.2.1', 53))",
        "import _socket\ns = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)\n"
        "s.connect(('192.0.2.1', 80))",
        "socket.getaddrinfo('example.com', 80)",
        "import subprocess, sys\nsubprocess.run([sys.executable, '-I', '-c', "
        "\"import socket; socket.create_connection(('192.0.2.1', 80), timeout=5)\"], check=True)",
    ],
    ids=["udp-sendto", "raw-_socket", "dns", "child-python-I"],
)
def test_network_is_refused_and_named_as_the_cause(tmp_path: Path, attempt: str) -> None:
    result = run_source(tmp_path, "import socket\n" + attempt + "\n")
    assert result.returncode != 0, result.stdout
    assert result.network_blocked, result.stderr
    assert "network access blocked by the sandbox" in result.message


def test_loopback_works_inside_the_sandbox(tmp_path: Path) -> None:
    result = run_source(
        tmp_path,
        """
        import socket, threading
        server = socket.create_server(("127.0.0.1", 0))
        def echo():
            conn, _ = server.accept()
            conn.sendall(conn.recv(64))
        threading.Thread(target=echo).start()
        client = socket.create_connection(server.getsockname(), timeout=5)
        client.sendall(b"ping")
        print(client.recv(64).decode())
        """,
    )
    assert result.ok, result.stderr
    assert result.stdout.strip() == "ping"
    assert not result.network_blocked


def test_a_detached_endless_child_dies_with_the_run(tmp_path: Path) -> None:
    marker = f"dlcompare-endless-{os.getpid()}-{time.monotonic_ns()}"
    started = time.monotonic()
    result = run_source(
        tmp_path,
        f"""
        import subprocess, sys, time
        subprocess.Popen([sys.executable, "-c", "import time\\nwhile True: time.sleep(1)",
                          {marker!r}], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        print("child started", flush=True)
        time.sleep(600)
        """,
        timeout_s=3,
    )
    elapsed = time.monotonic() - started
    print(f"timeout 3 s: runner returned after {elapsed:.2f} s")
    assert result.ended == "killed-timeout" and result.timed_out
    assert result.message == "killed after 3 s (timeout)"
    assert elapsed < 3 + 10
    time.sleep(0.5)
    survivors = [p for p in Path("/proc").glob("[0-9]*") if marker.encode() in _cmdline(p)]
    assert not survivors


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:
        return b""


def test_a_child_holding_the_output_is_the_reported_cause(tmp_path: Path) -> None:
    started = time.monotonic()
    result = run_source(
        tmp_path,
        """
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        print("main exits now")
        """,
        timeout_s=60,
    )
    assert result.ended == "child-held-output"
    assert "exited, but a child kept the output open" in result.message
    assert not result.timed_out
    assert time.monotonic() - started < 30


def test_a_timeout_names_the_seconds(tmp_path: Path) -> None:
    result = run_source(tmp_path, "import time\ntime.sleep(60)\n", timeout_s=1)
    assert result.ended == "killed-timeout"
    assert result.message == "killed after 1 s (timeout)"
    assert result.returncode is None


def test_results_hold_repository_relative_paths_only(tmp_path: Path) -> None:
    (tmp_path / "snippets").mkdir()
    program = tmp_path / "snippets/boom.py"
    program.write_text("import json\njson.loads('{')\n")
    from dlcompare.executor import program_env, run_program

    result = run_program(tmp_path, Path("snippets/boom.py"), env=program_env(device="cpu"),
                         timeout_s=30)  # fmt: skip
    assert result.returncode != 0
    assert 'File "snippets/boom.py", line 2' in result.stderr
    assert 'File "stdlib/json/decoder.py"' in result.stderr
    assert str(tmp_path) not in result.stderr
    assert sysconfig.get_paths()["stdlib"] not in result.stderr


def test_limits_are_stated(tmp_path: Path) -> None:
    result = run_source(tmp_path, "print('ok')\n")
    assert any(item.startswith("file size") for item in result.limits)
    assert any(item.startswith("cpu") for item in result.limits)
    assert any(item.startswith(("memory", "memory:")) for item in result.limits)


def test_file_size_limit_holds(tmp_path: Path) -> None:
    from dlcompare.executor.limits import Limits

    result = run_source(
        tmp_path,
        "open('big', 'wb').write(b'x' * (8 * 1024 * 1024))\n",
        limits=Limits(file_bytes=1024 * 1024),
    )
    assert result.returncode != 0  # SIGXFSZ, or EFBIG where the signal is ignored


def test_memory_limit_holds_where_cgroups_allow(tmp_path: Path) -> None:
    from dlcompare.executor.limits import Limits

    result = run_source(
        tmp_path,
        "blocks = [bytearray(16 * 1024 * 1024) for _ in range(32)]\nprint('allocated')\n",
        limits=Limits(memory_bytes=128 * 1024 * 1024),
    )
    if not any(item.startswith("memory ") for item in result.limits):
        pytest.skip(f"no writable memory cgroup here: {result.limits}")
    assert result.returncode != 0 and "allocated" not in result.stdout
    assert "out of memory (limit 128 MiB)" in result.message


def test_a_program_that_closes_its_output_still_gets_its_timeout(tmp_path: Path) -> None:
    result = run_source(
        tmp_path,
        "import os, time\nos.close(1)\nos.close(2)\ntime.sleep(1.5)\nopen('done', 'w').close()\n",
        timeout_s=30,
        collect=("done",),
    )
    assert result.ended == "exited" and result.returncode == 0
    assert result.files["done"] == b""


def test_collected_files_come_back_and_inputs_go_in(tmp_path: Path) -> None:
    result = run_source(
        tmp_path,
        "data = open('in.txt').read()\nopen('out.txt', 'w').write(data.upper())\n",
        inputs={"in.txt": b"hello"},
        collect=("out.txt",),
    )
    assert result.ok, result.stderr
    assert result.files["out.txt"] == b"HELLO"
