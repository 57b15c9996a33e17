"""``python -m mutasi_opt`` is the ``mutasi-opt`` program."""

from mutasi_opt.cli import main

if __name__ == "__main__":
    main()
