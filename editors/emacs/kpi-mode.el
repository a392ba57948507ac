;;; kpi-mode.el --- Major mode for KPI plan files -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools

;;; Commentary:

;; A major mode for KPI plan files (*.kpi).  It provides font-lock,
;; comments, indentation, imenu, and registration of the `kpi lsp'
;; language server with Eglot.  The language knowledge itself
;; (diagnostics, hover, completion, definition, rename, formatting, ...)
;; comes from the server through Eglot.
;;
;; Setup:
;;
;;   (add-to-list 'load-path "/path/to/repo/editors/emacs")
;;   (require 'kpi-mode)
;;   (add-hook 'kpi-mode-hook #'eglot-ensure)
;;
;; `kpi-goto-parent' (C-c C-p) jumps to the parent goal of the KPI
;; around point, through `xref-find-definitions' on its `parent:' line.

;;; Code:

(require 'xref)

(defgroup kpi nil
  "Editing KPI plan files."
  :group 'languages
  :prefix "kpi-")

(defcustom kpi-server-command '("kpi" "lsp")
  "Command line that starts the kpi language server over stdio.
Eglot uses it for `kpi-mode' buffers."
  :type '(repeat string)
  :group 'kpi)

(defcustom kpi-indent-offset 2
  "Number of columns a block is indented under its header."
  :type 'integer
  :safe #'integerp
  :group 'kpi)

(defface kpi-date-face
  '((t :inherit font-lock-constant-face))
  "Face for dates and periods such as 2027-12-31, Q3 2027 or FY2027."
  :group 'kpi)

(defface kpi-quantity-face
  '((t :inherit font-lock-constant-face))
  "Face for quantities such as $125K, +20%, +3pp or 400/month."
  :group 'kpi)

(defconst kpi-field-keys
  '("fiscal-year-start" "currency" "as-of" "max-annual-growth"
    "max-annual-reduction" "perspective" "category" "metric" "owner" "baseline"
    "target" "deadline" "parent" "split" "weight" "contributes" "role" "growth"
    "actions" "actuals" "milestones")
  "Field keys of plan headers and KPI blocks.")

(defconst kpi--id-regexp "[[:alnum:]_][[:alnum:]_.-]*"
  "Regexp matching a KPI id.")

(defconst kpi--date-regexp
  (concat "\\_<\\(?:FY[0-9]\\{4\\}\\(?:-Q[1-4]\\)?"
          "\\|Q[1-4][ \t]+[0-9]\\{4\\}"
          "\\|[0-9]\\{4\\}-\\(?:Q[1-4]\\|[0-9]\\{2\\}\\(?:-[0-9]\\{2\\}\\)?\\)\\)\\_>")
  "Regexp matching a date or period.")

(defconst kpi--header-regexp "^\\(?:kpi\\|plan\\)\\_>"
  "Regexp matching a line that opens a block at column 0.")

(defvar kpi-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; `#' starts a comment only where a token starts, and an unterminated
    ;; string ends with its line: `kpi--syntax-propertize' marks those.
    (modify-syntax-entry ?# "_" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    ;; Strings have no escapes: `"C:\"' is the string C:\.
    (modify-syntax-entry ?\\ "." table)
    ;; Ids and quantities are symbols: revenue-2031, $125K, 40%.
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?. "_" table)
    (modify-syntax-entry ?$ "_" table)
    (modify-syntax-entry ?% "_" table)
    (modify-syntax-entry ?+ "." table)
    (modify-syntax-entry ?' "." table)
    table)
  "Syntax table for `kpi-mode'.")

(defun kpi--syntax-propertize (start end)
  "Mark comments and unterminated strings between START and END.
A `#' starts a comment at the start of a line, after a blank or right
after a string; inside a word (C#) it is part of the word.  A string with
no closing quote runs to the end of its line, not into the next one."
  (goto-char start)
  (beginning-of-line)
  (while (< (point) end)
    (let ((line-end (line-end-position))
          (token-start t))
      (catch 'line-done
        (while (< (point) line-end)
          (let ((char (char-after)))
            (cond
             ((eq char ?\")
              (let ((open (point)))
                (forward-char 1)
                (unless (search-forward "\"" line-end t)
                  ;; Unterminated: the quote and the end of the line are a
                  ;; pair of string fences.
                  (put-text-property open (1+ open) 'syntax-table (string-to-syntax "|"))
                  (when (< line-end (point-max))
                    (put-text-property line-end (1+ line-end) 'syntax-table (string-to-syntax "|")))
                  (throw 'line-done nil))
                (setq token-start t)))
             ((and (eq char ?#) token-start)
              (put-text-property (point) (1+ (point)) 'syntax-table (string-to-syntax "<"))
              (throw 'line-done nil))
             (t
              (setq token-start (memq char '(?\s ?\t)))
              (forward-char 1)))))))
    (forward-line 1)))

(defvar kpi-font-lock-keywords
  `(;; `# kpi-ignore: code, ...' directives inside comments.
    ("#[ \t]*\\(kpi-ignore\\)[ \t]*:" 1 font-lock-preprocessor-face t)
    ;; Declarations.
    ("^\\(plan\\|use\\)\\_>" 1 font-lock-keyword-face)
    (,(concat "^\\(kpi\\)\\_>\\(?:[ \t]+\\(" kpi--id-regexp "\\)\\)?")
     (1 font-lock-keyword-face)
     (2 font-lock-function-name-face nil t))
    ;; Field keys, with the values that are names.
    (,(concat "^[ \t]+\\(parent\\)[ \t]*:[ \t]*\\(" kpi--id-regexp "\\)?")
     (1 font-lock-variable-name-face)
     (2 font-lock-type-face nil t))
    ("^[ \t]+\\(perspective\\|category\\|split\\|growth\\|fiscal-year-start\\|currency\\)[ \t]*:[ \t]*\\([[:alpha:]][[:alnum:]_-]*\\)?"
     (1 font-lock-variable-name-face)
     (2 font-lock-constant-face nil t))
    (,(concat "^[ \t]+\\(" (regexp-opt kpi-field-keys) "\\)[ \t]*:")
     1 font-lock-variable-name-face)
    ("^[ \t]+\\(top-level\\)[ \t]*\\(?:#\\|$\\)" 1 font-lock-variable-name-face)
    ;; Dates as keys (actuals, milestones), and bare years after by/at.
    ("^[ \t]+\\([0-9]\\{4\\}\\)[ \t]*:" 1 'kpi-date-face)
    ("\\_<\\(?:by\\|at\\)[ \t]+\\([0-9]\\{4\\}\\)\\_>" 1 'kpi-date-face)
    (,kpi--date-regexp . 'kpi-date-face)
    ;; Value keywords.
    ("\\_<\\(at[ \t]+\\(?:least\\|most\\)\\|by\\|at\\)\\_>" 1 font-lock-builtin-face)
    ;; Quantities: money, percentages and points, rates, numbers.
    ("[-+]?[$€£¥][ \t]?[0-9][0-9,]*\\(?:\\.[0-9]+\\)?[KMBkmb]?" . 'kpi-quantity-face)
    ("[-+]?\\_<[0-9][0-9,]*\\(?:\\.[0-9]+\\)?\\(?:%\\|pp\\_>\\)" . 'kpi-quantity-face)
    ("/[ \t]*\\(?:day\\|week\\|month\\|quarter\\|year\\)\\_>" . 'kpi-quantity-face)
    ;; List dashes.
    ("^[ \t]*\\(-\\)[ \t]" 1 font-lock-builtin-face))
  "Font-lock keywords for `kpi-mode'.")

;;; Indentation

(defun kpi--line-opens-block-p ()
  "Return non-nil if the current line opens an indented block.
That is a `kpi' or `plan' header, or a line whose code ends in a colon."
  (save-excursion
    (beginning-of-line)
    (or (looking-at-p kpi--header-regexp)
        (progn
          ;; Skip a trailing comment (not one inside a string).
          (end-of-line)
          (let ((ppss (syntax-ppss)))
            (when (nth 4 ppss) (goto-char (nth 8 ppss))))
          (skip-chars-backward " \t" (line-beginning-position))
          (eq (char-before) ?:)))))

(defun kpi--previous-code-line ()
  "Move to the previous non-blank line and return non-nil, or return nil."
  (let ((found nil))
    (while (and (not found) (zerop (forward-line -1)))
      (unless (looking-at-p "^[ \t]*$")
        (setq found t)))
    found))

(defun kpi-calculate-indentation ()
  "Return the column the current line should be indented to."
  (save-excursion
    (beginning-of-line)
    (if (looking-at-p "^[ \t]*\\(?:kpi\\|plan\\|use\\)\\_>")
        0
      (if (not (kpi--previous-code-line))
          0
        (if (kpi--line-opens-block-p)
            (+ (current-indentation) kpi-indent-offset)
          (current-indentation))))))

(defun kpi-indent-line ()
  "Indent the current line as KPI plan code.
Repeating the command cycles the line through shallower levels, as the
end of a block cannot be inferred in an indentation-based language."
  (interactive)
  (let* ((computed (kpi-calculate-indentation))
         (current (current-indentation))
         (target (if (and (memq last-command '(indent-for-tab-command kpi-indent-line))
                          (eq this-command last-command)
                          (<= current computed)
                          (> current 0))
                     (max 0 (- current kpi-indent-offset))
                   computed))
         (offset (- (current-column) current)))
    (indent-line-to target)
    (when (> offset 0) (forward-char offset))))

;;; Navigation

(defun kpi--enclosing-header ()
  "Return the position of the `kpi' header of the block around point, or nil."
  (save-excursion
    (end-of-line)
    (when (re-search-backward "^kpi\\_>" nil t)
      (point))))

(defun kpi--parent-value-position ()
  "Return the position of the value of the `parent:' field of the enclosing KPI."
  (let ((header (kpi--enclosing-header)))
    (when header
      (save-excursion
        (goto-char header)
        (forward-line 1)
        (catch 'found
          (while (and (not (eobp))
                      (looking-at-p "^\\(?:[ \t]\\|$\\)"))
            (when (looking-at (concat "^[ \t]+parent[ \t]*:[ \t]*\\(" kpi--id-regexp "\\)"))
              (throw 'found (match-beginning 1)))
            (forward-line 1))
          nil)))))

(defun kpi-goto-parent ()
  "Go to the parent goal of the KPI around point.
Runs `xref-find-definitions' on the `parent:' field of the enclosing KPI
block, so it works across files when the language server is attached."
  (interactive)
  (unless (kpi--enclosing-header)
    (user-error "Point is not inside a KPI block"))
  (let ((target (kpi--parent-value-position))
        (origin (point)))
    (unless target
      (user-error "This KPI has no parent: field (it may be top-level)"))
    (goto-char target)
    (condition-case err
        (xref-find-definitions (xref-backend-identifier-at-point (xref-find-backend)))
      (error (goto-char origin)
             (signal (car err) (cdr err))))))

;;; Report

(defvar kpi-report-file nil
  "The file the last `kpi-report' wrote.")

(declare-function eglot-current-server "eglot")
(declare-function eglot--pos-to-lsp-position "eglot")
(declare-function eglot--path-to-uri "eglot")
(declare-function jsonrpc-request "jsonrpc")

(defun kpi-report (&optional subtree)
  "Open the report of the workspace's KPI plans in a browser.
Asks the language server for `kpi/report' (the page `kpi report'
writes: cascade tree, path charts, split waterfalls, scorecard,
findings), writes it to a temporary .html file and opens that with
`browse-url'.  With a prefix argument SUBTREE, only the KPI at point
and the KPIs under it."
  (interactive "P")
  (let ((server (and (fboundp 'eglot-current-server) (eglot-current-server))))
    (unless server
      (user-error "No kpi language server: start Eglot in a .kpi buffer"))
    (let* ((params (if subtree
                       (list :uri (eglot--path-to-uri buffer-file-name)
                             :position (eglot--pos-to-lsp-position))
                     (make-hash-table)))
           (result (jsonrpc-request server :kpi/report params))
           (html (plist-get result :html))
           (file (make-temp-file "kpi-report-" nil ".html")))
      (let ((coding-system-for-write 'utf-8-unix))
        (with-temp-file file (insert html)))
      (setq kpi-report-file file)
      (browse-url (concat "file://" file)))))

;;; Mode

(defvar kpi-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-p") #'kpi-goto-parent)
    (define-key map (kbd "C-c C-r") #'kpi-report)
    map)
  "Keymap for `kpi-mode'.")

;;;###autoload
(define-derived-mode kpi-mode prog-mode "KPI"
  "Major mode for editing KPI plan files (*.kpi).
Eglot connects it to the `kpi lsp' language server, see
`kpi-server-command'.

\\{kpi-mode-map}"
  :syntax-table kpi-mode-syntax-table
  :group 'kpi
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local comment-end "")
  (setq-local font-lock-defaults '(kpi-font-lock-keywords))
  (setq-local syntax-propertize-function #'kpi--syntax-propertize)
  (setq-local indent-line-function #'kpi-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width kpi-indent-offset)
  (setq-local electric-indent-inhibit t)
  (setq-local imenu-generic-expression
              `((nil ,(concat "^kpi[ \t]+\\(" kpi--id-regexp "\\)") 1)))
  (setq-local outline-regexp "kpi\\_>\\|plan\\_>"))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.kpi\\'" . kpi-mode))

;;; Eglot

;;;###autoload
(defun kpi-eglot-contact (&optional _interactive)
  "Return the server command for Eglot, from `kpi-server-command'."
  kpi-server-command)

(defvar eglot-server-programs)

;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(kpi-mode . kpi-eglot-contact)))

(provide 'kpi-mode)

;;; kpi-mode.el ends here
