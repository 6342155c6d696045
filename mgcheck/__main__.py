"""Entry point for `python -m mgcheck` and the `mgcheck` command."""


def run() -> None:
    """Start the command line with garbage collection paused for its start-up (mgcheck.gcpause)."""
    from mgcheck.gcpause import pause_for_startup

    pause_for_startup()
    from mgcheck.cli import main

    main()


if __name__ == "__main__":
    run()
