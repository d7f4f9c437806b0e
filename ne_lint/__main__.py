from ne_lint.cli import main

main()
