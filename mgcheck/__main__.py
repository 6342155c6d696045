"""Entry point for `python -m mgcheck` and the `mgcheck` command."""


def run() -> None:
    """Start the command line with garbage collection paused for its start-up (mgcheck.gcpause), and
    numpy's OpenBLAS on one thread unless the environment says otherwise: OpenBLAS starts a thread per
    core that spins while numpy loads (about 0.1 s of CPU in every run, on a 2-core machine), and
    mgcheck's array work is element by element; its few matrix products are too small to share."""
    import os

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from mgcheck.gcpause import pause_for_startup

    pause_for_startup()
    from mgcheck.cli import main

    main()


if __name__ == "__main__":
    run()
