// KPI Plans for VS Code: starts the `kpi lsp` language server for *.kpi files and adds
// the editor-side commands (go to parent goal, cascade tree view, restart server).
// Every piece of language knowledge lives in the server; this file only wires VS Code
// to it. Plain JavaScript with JSDoc types, loaded as is: there is no build step.
// @ts-check
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient, State } = require("vscode-languageclient/node");

/** Heading anchor of the install section in the project's README. */
const INSTALL_ANCHOR = "install";

/**
 * @typedef {{ line: number, character: number }} LspPosition
 * @typedef {{ start: LspPosition, end: LspPosition }} LspRange
 * @typedef {{ name: string, detail?: string, uri: string, range: LspRange, selectionRange: LspRange }} LspTypeHierarchyItem
 * @typedef {{ id: string, title?: string | null, uri: string, range: LspRange,
 *             allocation?: string | null, role?: "component" | "driver" | null,
 *             children?: CascadeNode[] }} CascadeNode
 *   One KPI of the `kpi/cascadeTree` result.
 */

/** @type {vscode.ExtensionContext} */
let extensionContext;
/** @type {vscode.OutputChannel} shared by every client instance so logs survive restarts */
let outputChannel;
/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.FileSystemWatcher | undefined} */
let kpiFileWatcher;
/** @type {CascadeTreeProvider} */
let cascadeTree;
/** Serialises start/stop so overlapping restarts cannot leave two servers running. */
let lifecycle = Promise.resolve();

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  extensionContext = context;
  outputChannel = vscode.window.createOutputChannel("KPI Plans");
  cascadeTree = new CascadeTreeProvider();
  const treeView = vscode.window.createTreeView("kpiCascadeTree", {
    treeDataProvider: cascadeTree,
    showCollapseAll: true,
  });
  void vscode.commands.executeCommand("setContext", "kpi.active", true);

  context.subscriptions.push(
    outputChannel,
    treeView,
    cascadeTree,
    vscode.commands.registerCommand("kpi.goToParent", goToParent),
    vscode.commands.registerCommand("kpi.showCascadeTree", showCascadeTree),
    vscode.commands.registerCommand("kpi.refreshCascadeTree", () => cascadeTree.refresh()),
    vscode.commands.registerCommand("kpi.showReport", showReport),
    vscode.commands.registerCommand("kpi.restartServer", restartServer),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("kpi.server.path")) void restartServer();
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId === "kpi") cascadeTree.refreshSoon();
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((uri) => uri.path.endsWith(".kpi"))) cascadeTree.refreshSoon();
    }),
  );

  return queue(startClient);
}

function deactivate() {
  return queue(stopClient);
}

/**
 * Runs one lifecycle step after the previous one finished.
 * @param {() => Promise<void>} step
 */
function queue(step) {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

// ---------------------------------------------------------------------------
// Client lifecycle

async function startClient() {
  const configured = vscode.workspace.getConfiguration("kpi").get("server.path", "kpi") || "kpi";
  const command = findExecutable(configured);
  if (!command) {
    outputChannel.appendLine(`kpi language server not found: "${configured}" (setting kpi.server.path)`);
    void reportMissingServer(configured);
    return;
  }

  kpiFileWatcher = vscode.workspace.createFileSystemWatcher("**/*.kpi");
  /** @type {import("vscode-languageclient/node").ServerOptions} */
  const serverOptions = { command, args: ["lsp"] };
  /** @type {import("vscode-languageclient/node").LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "kpi" },
      { scheme: "untitled", language: "kpi" },
    ],
    synchronize: {
      // The server pulls settings with workspace/configuration (section "kpi");
      // this also notifies it when they change.
      configurationSection: "kpi",
      // Lets the server see `use`d files change on disk even when they are not open.
      fileEvents: kpiFileWatcher,
    },
    outputChannel,
  };

  // The id "kpi" makes the client honour the `kpi.trace.server` setting.
  const newClient = new LanguageClient("kpi", "KPI Language Server", serverOptions, clientOptions);
  newClient.onDidChangeState((event) => {
    if (event.newState === State.Running || event.newState === State.Stopped) cascadeTree.refresh();
  });
  client = newClient;
  try {
    await newClient.start();
  } catch (error) {
    outputChannel.appendLine(`kpi language server failed to start: ${describe(error)}`);
    const choice = await vscode.window.showErrorMessage(
      `KPI: the language server "${command} lsp" failed to start: ${describe(error)}`,
      "Show Output",
    );
    if (choice === "Show Output") outputChannel.show();
  }
  cascadeTree.refresh();
}

async function stopClient() {
  const oldClient = client;
  client = undefined;
  kpiFileWatcher?.dispose();
  kpiFileWatcher = undefined;
  if (!oldClient) return;
  try {
    await oldClient.stop();
  } catch (error) {
    outputChannel.appendLine(`stopping the kpi language server: ${describe(error)}`);
  }
}

function restartServer() {
  return queue(async () => {
    await stopClient();
    await startClient();
    if (client?.isRunning()) vscode.window.setStatusBarMessage("KPI language server restarted", 3000);
  });
}

/**
 * Resolves the configured server command to an executable file: a path (absolute,
 * `~/…`, or relative to the first workspace folder) or a name looked up on PATH.
 * @param {string} configured
 * @returns {string | undefined}
 */
function findExecutable(configured) {
  let command = configured.trim();
  if (command === "~" || command.startsWith("~/") || command.startsWith("~\\")) {
    command = path.join(os.homedir(), command.slice(1));
  }
  const windows = process.platform === "win32";
  const extensions = windows ? ["", ...(process.env.PATHEXT || ".EXE;.CMD;.BAT;.COM").split(";")] : [""];
  /** @type {string[]} */
  const directories = [];
  if (path.isAbsolute(command)) {
    directories.push("");
  } else if (command.includes("/") || (windows && command.includes("\\"))) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    command = path.resolve(folder ?? process.cwd(), command);
    directories.push("");
  } else {
    directories.push(...(process.env.PATH || "").split(path.delimiter).filter(Boolean));
  }
  for (const directory of directories) {
    for (const extension of extensions) {
      const candidate = directory ? path.join(directory, command + extension) : command + extension;
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** @param {string} file */
function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} configured */
async function reportMissingServer(configured) {
  const install = "Install instructions";
  const settings = "Open Settings";
  const choice = await vscode.window.showErrorMessage(
    `KPI: cannot find the language server "${configured}". Install kpi, or set "kpi.server.path" to the kpi executable.`,
    install,
    settings,
  );
  if (choice === install) {
    await openInstallInstructions();
  } else if (choice === settings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "kpi.server.path");
  }
}

/** Opens the README's install section: online when the manifest names a homepage, else the bundled copy. */
async function openInstallInstructions() {
  /** @type {string | undefined} */
  const homepage = extensionContext.extension.packageJSON.homepage;
  if (homepage) {
    await vscode.env.openExternal(vscode.Uri.parse(`${homepage.replace(/#.*$/, "")}#${INSTALL_ANCHOR}`));
    return;
  }
  const readme = vscode.Uri.joinPath(extensionContext.extensionUri, "README.md");
  await vscode.commands.executeCommand("markdown.showPreview", readme);
}

/**
 * The running client, or undefined after telling the user why there is none.
 * @returns {LanguageClient | undefined}
 */
function runningClient() {
  if (client?.isRunning()) return client;
  void vscode.window
    .showErrorMessage("KPI: the language server is not running.", "Restart Server")
    .then((choice) => {
      if (choice === "Restart Server") void restartServer();
    });
  return undefined;
}

// ---------------------------------------------------------------------------
// Commands

/** KPI: Go to Parent Goal — type hierarchy supertypes of the KPI around the cursor. */
async function goToParent() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "kpi") {
    void vscode.window.showInformationMessage("KPI: open a .kpi file to go to a parent goal.");
    return;
  }
  const languageClient = runningClient();
  if (!languageClient) return;

  const params = languageClient.code2ProtocolConverter.asTextDocumentPositionParams(
    editor.document,
    editor.selection.active,
  );
  /** @type {LspTypeHierarchyItem[] | null} */
  const items = await languageClient.sendRequest("textDocument/prepareTypeHierarchy", params);
  if (!items || items.length === 0) {
    void vscode.window.showInformationMessage("KPI: the cursor is not inside a KPI block.");
    return;
  }
  /** @type {LspTypeHierarchyItem[] | null} */
  const parents = await languageClient.sendRequest("typeHierarchy/supertypes", { item: items[0] });
  if (!parents || parents.length === 0) {
    void vscode.window.showInformationMessage(`KPI: "${items[0].name}" has no parent goal.`);
    return;
  }

  let target = parents[0];
  if (parents.length > 1) {
    const picked = await vscode.window.showQuickPick(
      parents.map((parent) => ({ label: parent.name, description: parent.detail, parent })),
      { placeHolder: "Parent goal to go to" },
    );
    if (!picked) return;
    target = picked.parent;
  }
  await openAt(target.uri, target.selectionRange ?? target.range);
}

/** KPI: Show Cascade Tree — focuses the explorer view and reloads it. */
async function showCascadeTree() {
  await vscode.commands.executeCommand("kpiCascadeTree.focus");
  cascadeTree.refresh();
}

/** @type {import("vscode").WebviewPanel | undefined} */
let reportPanel;

/** KPI: Show Report — the report of the workspace (`kpi/report`, the page `kpi report` writes) in a webview. */
async function showReport() {
  const languageClient = runningClient();
  if (!languageClient) return;
  /** @type {{ html: string } | null} */
  let result;
  try {
    result = await languageClient.sendRequest("kpi/report", {});
  } catch (error) {
    void vscode.window.showErrorMessage(`KPI: the report failed: ${describe(error)}`);
    return;
  }
  if (!result?.html) return;
  if (reportPanel) {
    reportPanel.reveal(vscode.ViewColumn.Beside);
  } else {
    // Scripts fold the tree and filter by status; the page's own policy allows nothing else.
    reportPanel = vscode.window.createWebviewPanel("kpiReport", "KPI Report", vscode.ViewColumn.Beside, {
      enableScripts: true,
      enableFindWidget: true,
    });
    reportPanel.onDidDispose(() => {
      reportPanel = undefined;
    });
  }
  reportPanel.webview.html = result.html;
}

/**
 * Opens `uri` with the cursor at the start of `range`.
 * @param {string} uri
 * @param {LspRange} range
 */
async function openAt(uri, range) {
  const start = toPosition(range.start);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), {
    selection: new vscode.Range(start, start),
  });
}

/** @param {LspPosition} position */
function toPosition(position) {
  return new vscode.Position(position.line, position.character);
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------
// Cascade tree view

/** @implements {vscode.TreeDataProvider<CascadeNode>} */
class CascadeTreeProvider {
  constructor() {
    /** @type {vscode.EventEmitter<CascadeNode | undefined>} */
    this.changed = new vscode.EventEmitter();
    this.onDidChangeTreeData = this.changed.event;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {WeakMap<CascadeNode, string>} unique item ids, so expansion state survives refreshes */
    this.keys = new WeakMap();
  }

  refresh() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.changed.fire(undefined);
  }

  /** Refreshes once a burst of edits or diagnostics has settled. */
  refreshSoon() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 500);
  }

  /**
   * @param {CascadeNode} [node]
   * @returns {Promise<CascadeNode[]>}
   */
  async getChildren(node) {
    if (node) return node.children ?? [];
    const languageClient = client;
    if (!languageClient?.isRunning()) return [];
    try {
      /** @type {{ roots: CascadeNode[] } | null} */
      const result = await languageClient.sendRequest("kpi/cascadeTree", {});
      const roots = result?.roots ?? [];
      this.assignKeys(roots, "");
      return roots;
    } catch (error) {
      outputChannel.appendLine(`kpi/cascadeTree failed: ${describe(error)}`);
      return [];
    }
  }

  /**
   * @param {CascadeNode} node
   * @returns {vscode.TreeItem}
   */
  getTreeItem(node) {
    const hasChildren = (node.children?.length ?? 0) > 0;
    const item = new vscode.TreeItem(
      node.id,
      hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.keys.get(node);
    // A driver supports its parent's goal without adding up into its split: said apart.
    item.description = [node.role === "driver" ? "driver" : null, node.allocation, node.title].filter(Boolean).join(" — ");
    const uri = vscode.Uri.parse(node.uri);
    item.tooltip = [node.id, node.title, node.allocation, vscode.workspace.asRelativePath(uri)]
      .filter(Boolean)
      .join("\n");
    item.iconPath = new vscode.ThemeIcon("target");
    item.contextValue = "kpi";
    const start = toPosition(node.range.start);
    item.command = {
      command: "vscode.open",
      title: "Open KPI",
      arguments: [uri, { selection: new vscode.Range(start, start) }],
    };
    return item;
  }

  /**
   * @param {CascadeNode[]} nodes
   * @param {string} prefix
   */
  assignKeys(nodes, prefix) {
    nodes.forEach((node, index) => {
      const key = `${prefix}/${index}:${node.id}`;
      this.keys.set(node, key);
      this.assignKeys(node.children ?? [], key);
    });
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}

module.exports = { activate, deactivate };
