// Unit tests of editors/vscode/extension.js without VS Code: the `vscode` and
// `vscode-languageclient/node` modules are replaced by small fakes that record
// calls, so activation, the missing-binary message, go to parent goal, the
// cascade tree provider and restart can be checked with node's test runner:
//   node --test --test-reporter=tap editors/tests/vscode_extension_test.js
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const Module = require("node:module");
const { test, beforeEach } = require("node:test");

const EXTENSION = path.resolve(__dirname, "../vscode/extension.js");
const MANIFEST = require(path.resolve(__dirname, "../vscode/package.json"));

// ---------------------------------------------------------------------------
// Fakes

/** Everything the fakes recorded during one test, and the knobs a test sets. */
let world;

function freshWorld() {
  return {
    settings: { "server.path": "kpi" },
    commands: new Map(),
    executed: [],
    errors: [],
    infos: [],
    errorChoice: undefined,
    shown: [],
    opened: [],
    clients: [],
    treeProvider: undefined,
    activeTextEditor: undefined,
    requestHandler: () => null,
    homepage: undefined,
    panels: [],
  };
}

class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  constructor(start, end) {
    this.start = start;
    this.end = end;
  }
}

class Uri {
  constructor(value) {
    this.value = value;
    this.path = value.replace(/^[a-z]+:\/\//, "/").replace(/^\/+/, "/");
    this.fsPath = this.path;
  }
  static parse(value) {
    return new Uri(value);
  }
  static joinPath(base, ...parts) {
    return new Uri([base.value, ...parts].join("/"));
  }
  toString() {
    return this.value;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return { dispose() {} };
    };
  }
  fire(value) {
    for (const listener of this.listeners) listener(value);
  }
  dispose() {}
}

const disposable = () => ({ dispose() {} });

const fakeVscode = {
  Position,
  Range,
  Uri,
  EventEmitter,
  ThemeIcon: class {
    constructor(id) {
      this.id = id;
    }
  },
  TreeItem: class {
    constructor(label, collapsibleState) {
      this.label = label;
      this.collapsibleState = collapsibleState;
    }
  },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ViewColumn: { Active: -1, Beside: -2 },
  window: {
    createOutputChannel: () => ({ appendLine() {}, show() {}, dispose() {} }),
    createTreeView: (id, options) => {
      world.treeProvider = options.treeDataProvider;
      world.treeViewId = id;
      return disposable();
    },
    showErrorMessage: async (message, ...buttons) => {
      world.errors.push({ message, buttons });
      return world.errorChoice;
    },
    showInformationMessage: async (message) => {
      world.infos.push(message);
      return undefined;
    },
    showQuickPick: async (items) => items[0],
    showTextDocument: async (uri, options) => {
      world.shown.push({ uri: uri.toString(), options });
    },
    setStatusBarMessage: disposable,
    createWebviewPanel: (viewType, title, column, options) => {
      const panel = {
        viewType, title, column, options, revealed: 0,
        webview: { html: "" },
        reveal() { this.revealed += 1; },
        onDidDispose(listener) { this.dispose = listener; return disposable(); },
      };
      world.panels.push(panel);
      return panel;
    },
    get activeTextEditor() {
      return world.activeTextEditor;
    },
  },
  commands: {
    registerCommand: (id, callback) => {
      world.commands.set(id, callback);
      return disposable();
    },
    executeCommand: async (...args) => {
      world.executed.push(args);
    },
  },
  workspace: {
    getConfiguration: () => ({
      get: (key, fallback) => (key in world.settings ? world.settings[key] : fallback),
    }),
    onDidChangeConfiguration: disposable,
    onDidSaveTextDocument: disposable,
    createFileSystemWatcher: disposable,
    asRelativePath: (uri) => uri.toString(),
    workspaceFolders: undefined,
  },
  languages: { onDidChangeDiagnostics: disposable },
  env: {
    openExternal: async (uri) => {
      world.opened.push(uri.toString());
      return true;
    },
  },
};

const State = { Stopped: 1, Starting: 3, Running: 2 };

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions });
    this.running = false;
    this.stopped = false;
    this.requests = [];
    this.code2ProtocolConverter = {
      asTextDocumentPositionParams: (document, position) => ({
        textDocument: { uri: document.uri.toString() },
        position: { line: position.line, character: position.character },
      }),
    };
    world.clients.push(this);
  }
  onDidChangeState() {
    return disposable();
  }
  async start() {
    this.running = true;
  }
  async stop() {
    this.running = false;
    this.stopped = true;
  }
  isRunning() {
    return this.running;
  }
  async sendRequest(method, params) {
    this.requests.push({ method, params });
    return world.requestHandler(method, params);
  }
}

const fakeLanguageClient = { LanguageClient: FakeLanguageClient, State };

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === "vscode") return fakeVscode;
  if (request === "vscode-languageclient/node") return fakeLanguageClient;
  return originalLoad.call(this, request, parent, isMain);
};

// ---------------------------------------------------------------------------
// Helpers

/** A temporary folder holding an executable `kpi`, put first on PATH. */
function fakeServerOnPath() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-vscode-test-"));
  const binary = path.join(folder, "kpi");
  fs.writeFileSync(binary, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  process.env.PATH = folder + path.delimiter + originalPath;
  return binary;
}

const originalPath = process.env.PATH;

async function activate() {
  delete require.cache[EXTENSION];
  const extension = require(EXTENSION);
  const context = {
    subscriptions: [],
    extensionUri: Uri.parse("file:///extension"),
    extension: { packageJSON: { ...MANIFEST, homepage: world.homepage } },
  };
  await extension.activate(context);
  return extension;
}

const range = (line, start, end) => ({
  start: { line, character: start },
  end: { line, character: end },
});

beforeEach(() => {
  world = freshWorld();
  process.env.PATH = originalPath;
});

// ---------------------------------------------------------------------------
// Tests

test("activation starts `kpi lsp` from PATH and registers every manifest command", async () => {
  const binary = fakeServerOnPath();
  await activate();
  assert.equal(world.clients.length, 1);
  const client = world.clients[0];
  assert.equal(client.id, "kpi", "the client id must be kpi so kpi.trace.server applies");
  assert.deepEqual(client.serverOptions, { command: binary, args: ["lsp"] });
  assert.ok(client.clientOptions.documentSelector.some((s) => s.language === "kpi"));
  assert.equal(client.clientOptions.synchronize.configurationSection, "kpi");
  const declared = MANIFEST.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual([...world.commands.keys()].sort(), declared);
  assert.equal(world.treeViewId, "kpiCascadeTree");
  assert.ok(world.executed.some(([cmd, key, value]) => cmd === "setContext" && key === "kpi.active" && value === true));
  assert.equal(world.errors.length, 0);
});

test("an absolute kpi.server.path is used as is", async () => {
  world.settings["server.path"] = fakeServerOnPath();
  process.env.PATH = originalPath;
  await activate();
  assert.equal(world.clients[0].serverOptions.command, world.settings["server.path"]);
});

test("a missing binary shows an error with an Install instructions button", async () => {
  world.settings["server.path"] = "kpi-binary-that-does-not-exist";
  world.errorChoice = "Install instructions";
  await activate();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(world.clients.length, 0, "no client is started without a binary");
  assert.equal(world.errors.length, 1);
  assert.match(world.errors[0].message, /kpi-binary-that-does-not-exist/);
  assert.ok(world.errors[0].buttons.includes("Install instructions"));
  const preview = world.executed.find(([cmd]) => cmd === "markdown.showPreview");
  assert.ok(preview, "without a homepage the bundled README is opened");
  assert.match(preview[1].toString(), /README\.md$/);
});

test("Install instructions opens the homepage's install section when there is one", async () => {
  world.settings["server.path"] = "kpi-binary-that-does-not-exist";
  world.errorChoice = "Install instructions";
  world.homepage = "https://example.org/kpi";
  await activate();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(world.opened, ["https://example.org/kpi#install"]);
});

test("Go to Parent Goal asks for supertypes and opens the parent", async () => {
  fakeServerOnPath();
  await activate();
  const item = { name: "price-increase", uri: "file:///w/plan.kpi", range: range(20, 0, 30), selectionRange: range(20, 4, 18), data: 1 };
  const parent = { name: "extra-revenue", uri: "file:///w/company.kpi", range: range(3, 0, 40), selectionRange: range(3, 4, 17) };
  world.requestHandler = (method) =>
    ({ "textDocument/prepareTypeHierarchy": [item], "typeHierarchy/supertypes": [parent] })[method] ?? null;
  world.activeTextEditor = {
    document: { languageId: "kpi", uri: Uri.parse("file:///w/plan.kpi") },
    selection: { active: new Position(22, 3) },
  };
  await world.commands.get("kpi.goToParent")();
  const client = world.clients[0];
  assert.deepEqual(client.requests.map((r) => r.method), ["textDocument/prepareTypeHierarchy", "typeHierarchy/supertypes"]);
  assert.deepEqual(client.requests[0].params.position, { line: 22, character: 3 });
  assert.equal(client.requests[1].params.item, item);
  assert.equal(world.shown.length, 1);
  assert.equal(world.shown[0].uri, "file:///w/company.kpi");
  assert.deepEqual(world.shown[0].options.selection.start, new Position(3, 4));
});

test("Go to Parent Goal on a top-level KPI says there is no parent", async () => {
  fakeServerOnPath();
  await activate();
  world.requestHandler = (method) =>
    method === "textDocument/prepareTypeHierarchy" ? [{ name: "revenue", uri: "file:///w/a.kpi", range: range(0, 0, 1), selectionRange: range(0, 4, 11) }] : [];
  world.activeTextEditor = {
    document: { languageId: "kpi", uri: Uri.parse("file:///w/a.kpi") },
    selection: { active: new Position(1, 0) },
  };
  await world.commands.get("kpi.goToParent")();
  assert.equal(world.shown.length, 0);
  assert.match(world.infos[0], /revenue.*no parent/);
});

test("the cascade tree shows kpi/cascadeTree nodes and opens each KPI at its range", async () => {
  fakeServerOnPath();
  await activate();
  const child = { id: "new-logos", title: "Win new customers", uri: "file:///w/plan.kpi", range: range(9, 0, 30), allocation: null, children: [] };
  const root = { id: "revenue", title: "Grow revenue", uri: "file:///w/company.kpi", range: range(2, 0, 35), allocation: "93% allocated", children: [child] };
  world.requestHandler = (method, params) => {
    assert.equal(method, "kpi/cascadeTree");
    assert.deepEqual(params, {});
    return { roots: [root] };
  };
  const provider = world.treeProvider;
  const roots = await provider.getChildren();
  assert.deepEqual(roots.map((n) => n.id), ["revenue"]);
  const rootItem = provider.getTreeItem(roots[0]);
  assert.equal(rootItem.label, "revenue");
  assert.equal(rootItem.collapsibleState, fakeVscode.TreeItemCollapsibleState.Expanded);
  assert.match(rootItem.description, /93% allocated/);
  assert.equal(rootItem.command.command, "vscode.open");
  assert.equal(rootItem.command.arguments[0].toString(), "file:///w/company.kpi");
  assert.deepEqual(rootItem.command.arguments[1].selection.start, new Position(2, 0));
  const children = await provider.getChildren(roots[0]);
  const childItem = provider.getTreeItem(children[0]);
  assert.equal(childItem.collapsibleState, fakeVscode.TreeItemCollapsibleState.None);
  assert.notEqual(childItem.id, rootItem.id);
});

test("KPI: Show Report shows kpi/report's page in one webview beside the editor", async () => {
  fakeServerOnPath();
  await activate();
  let page = "<!DOCTYPE html>\n<title>KPI report — Acme</title>\n";
  world.requestHandler = (method, params) => {
    assert.equal(method, "kpi/report");
    assert.deepEqual(params, {});
    return { html: page, id: null };
  };
  await world.commands.get("kpi.showReport")();
  assert.equal(world.panels.length, 1);
  const panel = world.panels[0];
  assert.equal(panel.viewType, "kpiReport");
  assert.equal(panel.title, "KPI Report");
  assert.equal(panel.column, fakeVscode.ViewColumn.Beside);
  assert.equal(panel.options.enableScripts, true);
  assert.equal(panel.webview.html, page);
  // Again: the same panel, revealed, with the new page.
  page = "<!DOCTYPE html>\n<title>KPI report — Acme, edited</title>\n";
  await world.commands.get("kpi.showReport")();
  assert.equal(world.panels.length, 1);
  assert.equal(panel.revealed, 1);
  assert.equal(panel.webview.html, page);
  // Closed, the next one is a new panel.
  panel.dispose();
  await world.commands.get("kpi.showReport")();
  assert.equal(world.panels.length, 2);
});

test("KPI: Show Report tells why when the request fails", async () => {
  fakeServerOnPath();
  await activate();
  world.requestHandler = () => {
    throw new Error("no KPI `x` in the workspace");
  };
  await world.commands.get("kpi.showReport")();
  assert.equal(world.panels.length, 0);
  assert.match(world.errors[0].message, /KPI: the report failed: .*no KPI `x`/);
});

test("the cascade tree is empty while no server runs", async () => {
  world.settings["server.path"] = "kpi-binary-that-does-not-exist";
  await activate();
  assert.deepEqual(await world.treeProvider.getChildren(), []);
});

test("Restart Server stops the client and starts a new one", async () => {
  fakeServerOnPath();
  await activate();
  await world.commands.get("kpi.restartServer")();
  assert.equal(world.clients.length, 2);
  assert.ok(world.clients[0].stopped);
  assert.ok(world.clients[1].isRunning());
});

test("deactivate stops the client", async () => {
  fakeServerOnPath();
  const extension = await activate();
  await extension.deactivate();
  assert.ok(world.clients[0].stopped);
});
