"""Creates, once, the Python environment the tests compare with and run against.

usage: ensure_env.py VENV_DIR

The cross-check tests call botocore (the reference implementation of the AWS protocols) and the
end-to-end tests start moto (a local AWS). Both come from a virtual environment at VENV_DIR with
exactly the versions pinned in requirements.txt beside this script. The first call creates it
(about 30 MB of wheels from PyPI, 140 MB installed, 10-60 s); later calls find it ready and return at once. A
lock file beside VENV_DIR makes concurrent callers (test threads, test binaries run side by
side) wait for the one that builds it. A stamp inside the environment records the hash of
requirements.txt, so changing the pins rebuilds it.

Prints the path of the environment's python on stdout; progress and errors go to stderr.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
STAMP = "awso-requirements.sha256"


def fail(message):
    sys.stderr.write("awso tests: %s\n" % message)
    sys.exit(1)


def lock(path):
    """An exclusive lock held until the process exits."""
    handle = open(path, "a+")
    if os.name == "nt":
        import msvcrt

        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                break
            except OSError:
                continue
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    return handle


def python_in(env_dir):
    if os.name == "nt":
        return os.path.join(env_dir, "Scripts", "python.exe")
    return os.path.join(env_dir, "bin", "python")


def main():
    if len(sys.argv) != 2:
        fail("usage: ensure_env.py VENV_DIR")
    if sys.version_info < (3, 9):
        fail(
            "Python %d.%d is too old for botocore and moto: install Python 3.9 or newer"
            % sys.version_info[:2]
        )
    env_dir = os.path.abspath(sys.argv[1])
    with open(REQUIREMENTS, "rb") as f:
        wanted = hashlib.sha256(f.read()).hexdigest()
    os.makedirs(os.path.dirname(env_dir), exist_ok=True)
    held = lock(env_dir + ".lock")
    python = python_in(env_dir)
    stamp = os.path.join(env_dir, STAMP)
    try:
        with open(stamp) as f:
            ready = f.read().strip() == wanted and os.path.exists(python)
    except OSError:
        ready = False
    if not ready:
        sys.stderr.write(
            "awso tests: creating %s with botocore and moto from "
            "tests/python/requirements.txt (once: about 30 MB from PyPI, 140 MB installed)\n" % env_dir
        )
        sys.stderr.flush()
        shutil.rmtree(env_dir, ignore_errors=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        except Exception as e:  # ensurepip missing, read-only disk, ...
            fail(
                "cannot create a virtual environment at %s (%s). Install Python's venv and "
                "pip (Debian/Ubuntu: apt-get install python3-venv python3-pip), or set "
                "AWSO_PYTHON to a Python that has the packages of %s"
                % (env_dir, e, REQUIREMENTS)
            )
        install = subprocess.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-input",
                "-r",
                REQUIREMENTS,
            ]
        )
        if install.returncode != 0:
            shutil.rmtree(env_dir, ignore_errors=True)
            fail(
                "pip could not install %s (exit %d; see its output above). The first test "
                "run needs PyPI; or set AWSO_PYTHON to a Python that has these packages"
                % (REQUIREMENTS, install.returncode)
            )
        with open(stamp, "w") as f:
            f.write(wanted + "\n")
    held.close()
    print(python)


if __name__ == "__main__":
    main()
