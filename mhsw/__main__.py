from mhsw.cli import main

raise SystemExit(main())
