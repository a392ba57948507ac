// `kpi SUBCOMMAND --help` (or `-h`, or `kpi help SUBCOMMAND`): what each subcommand does and every
// option it takes, on stdout. `docs/kpi.1.md` shows the same texts, and `CLIHelpTests` keeps the two equal.

enum Help {
    /// The help of `command`, or nil for a command that has none.
    static func text(for command: String) -> String? {
        switch command {
        case "check": check
        case "fmt": fmt
        case "explain": explain
        case "report": report
        case "actual": actual
        case "lsp": lsp
        default: nil
        }
    }

    /// The help `arguments` ask for: `kpi SUBCOMMAND … --help` (or `-h`), or `kpi help SUBCOMMAND`.
    static func requested(_ arguments: ArraySlice<String>) -> String? {
        guard let first = arguments.first else { return nil }
        if first == "help", let command = arguments.dropFirst().first { return text(for: command) }
        return arguments.dropFirst().contains { $0 == "--help" || $0 == "-h" } ? text(for: first) : nil
    }

    /// The subcommands with a help text, in the order the usage lists them.
    static let commands = ["check", "fmt", "explain", "report", "actual", "lsp"]

    static let check = """
        usage: kpi check [PATH...] [OPTIONS]

        Checks the plans in PATH (plan files, or folders searched for *.kpi; default: the current
        folder) and the files they use, and prints the findings of the files named:
        PATH:LINE:COLUMN: SEVERITY: MESSAGE [CODE], then a summary line.

        options:
          --format FORMAT            text (the default), json, sarif (SARIF 2.1.0, for code scanning)
                                     or github (GitHub Actions workflow commands)
          --strict                   warnings fail the check too
          --max-annual-growth PCT    the growth per year above which a target is unrealistic, for plans
                                     without max-annual-growth: (150% or 150; default 100%)
          --max-annual-reduction PCT the reduction per year above which a target is unrealistic, for
                                     plans without max-annual-reduction: (default 80%)
          --today DATE               today, for plans without as-of: (like 2027-07-15)
          --severity CODE=LEVEL,...  per-code severities: LEVEL is error, warning, info, hint or off
          --show-ignored             also list the findings silenced by # kpi-ignore:
          --docs-url URL             with --format sarif: the address of docs/language.md for the
                                     rules' help links
          -h, --help                 this help

        The settings of kpi.toml (in the current folder or the nearest one above) apply under these
        flags; its excluded globs are skipped in folders.

        exit status: 0 no errors (with --strict: no warnings either), 1 findings that fail the check,
        2 bad usage, errors in kpi.toml, or a PATH that cannot be read.
        """

    static let fmt = """
        usage: kpi fmt [--check] PATH...
               kpi fmt [--check] -

        Rewrites each plan file (or each *.kpi file under a folder) into the canonical form, keeping
        every comment, and prints `reformatted PATH` for each file it changed. With PATH -, reads
        standard input and writes the canonical form to standard output.

        options:
          --check     write nothing: print `would reformat PATH` for each file not in canonical form
                      (nothing for -), and exit 1 if there is one
          -h, --help  this help

        exit status: 0 done (with --check: everything canonical), 1 files to reformat (--check),
        2 no PATH, or a file that cannot be read or written.
        """

    static let explain = """
        usage: kpi explain ID [PATH...] [OPTIONS]

        Prints the cascade math of every KPI called ID in the plans in PATH (default: the current
        folder) and the files they use: baseline, target level and change, deadline, growth needed per
        year, quarter and month, progress against the path, the chain of goals it supports, the
        year-by-year path, the split and its remainder.

        options:
          --today DATE               today, for plans without as-of: (like 2027-07-15)
          --max-annual-growth PCT    as for kpi check
          --max-annual-reduction PCT as for kpi check
          -h, --help                 this help

        exit status: 0 explained, 2 no KPI called ID (with a suggestion when one is close), bad usage,
        or a PATH that cannot be read.
        """

    static let report = """
        usage: kpi report [PATH...] [OPTIONS]

        Writes the plans in PATH (default: the current folder) and the files they use as one
        self-contained HTML page: a header with the KPIs by status and the findings by severity, each
        top-level goal with its cascade tree and the cards of its KPIs (path charts, split
        waterfalls), the scorecard by perspective and the findings. No scripts, fonts or requests from
        anywhere; printed, each top-level goal is one page. docs/report.md describes every picture.

        options:
          -o, --output FILE          where to write it (default kpi-report.html; - for standard output)
          --today DATE               today, for plans without as-of: (like 2027-07-15)
          --kpi ID                   only that KPI and the KPIs under it
          -h, --help                 this help

        exit status: 0 written, 2 bad usage, no KPI called ID, or a PATH that cannot be read or a
        FILE that cannot be written.
        """

    static let actual = """
        usage: kpi actual ID DATE VALUE [PATH...]

        Records an actual: adds `DATE: VALUE` under `actuals:` in the block of the KPI called ID in
        the plans in PATH (default: the current folder), in date order, adding `actuals:` when the KPI
        has none, and rewrites that file with every other byte unchanged. DATE is like 2027-09-30;
        VALUE is a level in the KPI's unit, like $135K, 420/month or 12.5%.

        options:
          -h, --help  this help

        exit status: 0 recorded, 1 refused (a VALUE that is a change or in another unit, a DATE
        already recorded), 2 bad usage, no KPI called ID or several, or a file that cannot be read
        or written.
        """

    static let lsp = """
        usage: kpi lsp [--stdio]

        Runs the language server over standard input and output (JSON-RPC with Content-Length
        headers), for editors: diagnostics, hover, completion, navigation, rename, fixes, formatting.
        Logs go to standard error. Editors start it themselves; see editors/README.md.

        options:
          --stdio     accepted for clients that pass it: standard I/O is the only transport
          -h, --help  this help

        exit status: 0 when the client asked for shutdown before exit, 1 when it exits (or closes the
        input) without.
        """
}
