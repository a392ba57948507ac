// `kpi check --format sarif` and `--format github` on a small plan, pinned byte for byte: a finding
// with a related location, one silenced by `# kpi-ignore:` (`--show-ignored`), and one whose end
// column differs in UTF-16 (what both formats count) from UTF-8. `Tests/cli/ci_formats.py`
// validates the same output against the SARIF 2.1.0 schema.

import Foundation
import KPIPlan
import Testing

@Suite struct CLIFormatTests {
    static let plan = """
        kpi mrr "Grow MRR"
          top-level
          owner: CFO
          baseline: $125K at 2026-12-31
          target: +20% by FY2027
          ünit: €
          actions:
            - Raise prices
        kpi mrr "Again"   # kpi-ignore: no-owner
          parent: mrr

        """

    @Test func githubWorkflowCommands() throws {
        let folder = try temporaryFolder(["plan.kpi": Self.plan])
        let run = try kpi("check", "--today", "2027-07-15", "--format", "github", "--show-ignored", in: folder)
        #expect(run.status == 1)
        #expect(run.stderr == "")
        #expect(
            run.stdout == """
                ::warning file=plan.kpi,line=6,col=3,endLine=6,endColumn=7,title=unknown-field::`ünit` is not a field of a KPI
                ::error file=plan.kpi,line=9,col=5,endLine=9,endColumn=8,title=duplicate-kpi::`mrr` is already defined above; KPI ids must be unique across the files that `use` connects%0Aplan.kpi:1: first `mrr`
                ::warning file=plan.kpi,line=9,col=5,endLine=9,endColumn=8,title=vague-target::`mrr` has no target: add `target:` with a number and a deadline, like `target: +20%25 by FY2027`

                """)
    }

    /// `%`, `:` and `,` in a file name are escaped in the `file=` property (`:` and `,` would end it).
    @Test func githubEscapesProperties() throws {
        let folder = try temporaryFolder(["q1, plan: 100%.kpi": "kpi a \"A\"\n  top-level\n  owner: X\n  target: +20% by FY2027\n"])
        let run = try kpi("check", "--today", "2027-07-15", "--format", "github", in: folder)
        #expect(run.status == 0)
        #expect(
            run.stdout == """
                ::notice file=q1%2C plan%3A 100%25.kpi,line=1,col=5,endLine=1,endColumn=6,title=no-actions::`a` lists no actions: add `actions:` with what the team will do
                ::warning file=q1%2C plan%3A 100%25.kpi,line=4,col=11,endLine=4,endColumn=15,title=missing-baseline::a relative target needs a baseline to start from: add `baseline: VALUE at DATE`

                """)
    }

    @Test func sarifLog() throws {
        let folder = try temporaryFolder(["plan.kpi": Self.plan])
        let run = try kpi(
            "check", "--today", "2027-07-15", "--format", "sarif", "--show-ignored", "--docs-url", "https://example.org/language.md",
            in: folder)
        #expect(run.status == 1)
        #expect(run.stderr == "")
        // The rules (one per code) are checked below; everything else byte for byte.
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let rulesStart = try #require(lines.firstIndex(of: #"          "rules" : ["#))
        let rulesEnd = try #require(lines[rulesStart...].firstIndex(of: "          ]"))
        let escapedFolder = folder.path.replacingOccurrences(of: "/", with: #"\/"#)
        #expect(
            (lines[...rulesStart] + lines[rulesEnd...]).joined(separator: "\n") == #"""
                {
                  "$schema" : "https:\/\/json.schemastore.org\/sarif-2.1.0.json",
                  "version" : "2.1.0",
                  "runs" : [
                    {
                      "tool" : {
                        "driver" : {
                          "name" : "kpi",
                          "version" : "0.1.0",
                          "semanticVersion" : "0.1.0",
                          "rules" : [
                          ]
                        }
                      },
                      "originalUriBaseIds" : {
                        "SRCROOT" : {
                          "uri" : "file:\/\/\#(escapedFolder)\/"
                        }
                      },
                      "columnKind" : "utf16CodeUnits",
                      "results" : [
                        {
                          "ruleId" : "unknown-field",
                          "ruleIndex" : 1,
                          "level" : "warning",
                          "message" : {
                            "text" : "`ünit` is not a field of a KPI"
                          },
                          "locations" : [
                            {
                              "physicalLocation" : {
                                "artifactLocation" : {
                                  "uri" : "plan.kpi",
                                  "uriBaseId" : "SRCROOT"
                                },
                                "region" : {
                                  "startLine" : 6,
                                  "startColumn" : 3,
                                  "endLine" : 6,
                                  "endColumn" : 7
                                }
                              }
                            }
                          ]
                        },
                        {
                          "ruleId" : "duplicate-kpi",
                          "ruleIndex" : 3,
                          "level" : "error",
                          "message" : {
                            "text" : "`mrr` is already defined above; KPI ids must be unique across the files that `use` connects"
                          },
                          "locations" : [
                            {
                              "physicalLocation" : {
                                "artifactLocation" : {
                                  "uri" : "plan.kpi",
                                  "uriBaseId" : "SRCROOT"
                                },
                                "region" : {
                                  "startLine" : 9,
                                  "startColumn" : 5,
                                  "endLine" : 9,
                                  "endColumn" : 8
                                }
                              }
                            }
                          ],
                          "relatedLocations" : [
                            {
                              "id" : 0,
                              "physicalLocation" : {
                                "artifactLocation" : {
                                  "uri" : "plan.kpi",
                                  "uriBaseId" : "SRCROOT"
                                },
                                "region" : {
                                  "startLine" : 1,
                                  "startColumn" : 5,
                                  "endLine" : 1,
                                  "endColumn" : 8
                                }
                              },
                              "message" : {
                                "text" : "first `mrr`"
                              }
                            }
                          ]
                        },
                        {
                          "ruleId" : "vague-target",
                          "ruleIndex" : 28,
                          "level" : "warning",
                          "message" : {
                            "text" : "`mrr` has no target: add `target:` with a number and a deadline, like `target: +20% by FY2027`"
                          },
                          "locations" : [
                            {
                              "physicalLocation" : {
                                "artifactLocation" : {
                                  "uri" : "plan.kpi",
                                  "uriBaseId" : "SRCROOT"
                                },
                                "region" : {
                                  "startLine" : 9,
                                  "startColumn" : 5,
                                  "endLine" : 9,
                                  "endColumn" : 8
                                }
                              }
                            }
                          ]
                        },
                        {
                          "ruleId" : "no-owner",
                          "ruleIndex" : 32,
                          "level" : "note",
                          "message" : {
                            "text" : "`mrr` has no owner: add `owner:` so someone is accountable"
                          },
                          "locations" : [
                            {
                              "physicalLocation" : {
                                "artifactLocation" : {
                                  "uri" : "plan.kpi",
                                  "uriBaseId" : "SRCROOT"
                                },
                                "region" : {
                                  "startLine" : 9,
                                  "startColumn" : 5,
                                  "endLine" : 9,
                                  "endColumn" : 8
                                }
                              }
                            }
                          ],
                          "suppressions" : [
                            {
                              "kind" : "inSource"
                            }
                          ]
                        }
                      ]
                    }
                  ]
                }
                """# + "\n")
        #expect(
            lines[(rulesStart + 1)...(rulesStart + 16)].joined(separator: "\n") == #"""
                            {
                              "id" : "syntax-error",
                              "shortDescription" : {
                                "text" : "A line cannot be read."
                              },
                              "fullDescription" : {
                                "text" : "A line cannot be read."
                              },
                              "helpUri" : "https:\/\/example.org\/language.md#syntax-error",
                              "help" : {
                                "text" : "A line cannot be read. See the `syntax-error` section of the language reference (docs\/language.md)."
                              },
                              "defaultConfiguration" : {
                                "level" : "error"
                              }
                            },
                """#)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == DiagnosticCode.allCases.map(\.rawValue))
        #expect(
            rules.map { ($0["defaultConfiguration"] as? [String: String])?["level"] }
                == DiagnosticCode.allCases.map {
                    ["error": "error", "warning": "warning", "info": "note", "hint": "note"][$0.defaultSeverity.name]
                })
        #expect(rules.map { $0["helpUri"] as? String } == DiagnosticCode.allCases.map { "https://example.org/language.md#\($0.rawValue)" })
    }

    @Test func unknownFormatIsAUsageError() throws {
        let run = try kpi("check", "--format", "xml", "examples/acme.kpi")
        #expect(run.status == 2)
        #expect(run.stderr == "kpi: --format takes text, json, sarif or github\n")
    }
}
