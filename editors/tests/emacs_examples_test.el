;;; emacs_examples_test.el --- kpi-mode + Eglot on the shipped examples, real server -*- lexical-binding: t; -*-

;;; Commentary:

;; Drives editors/emacs/kpi-mode.el with Eglot against the real kpi
;; language server (KPI_BIN) on examples/acme.kpi, company.kpi and
;; marketing.kpi.  The mock server cannot compute the numbers, so this
;; script is only run against the real server:
;;
;;   KPI_BIN=/path/to/kpi emacs --batch -l editors/tests/emacs_examples_test.el
;;
;; It copies examples/ to a temporary folder and checks: the off-track
;; and milestone-behind-path diagnostics through Flymake, the numbers of
;; a hover requested through Eglot, `xref-find-definitions' on a
;; `parent:' value in marketing.kpi landing on the parent in
;; company.kpi, and `kpi-goto-parent' from inside a block.  It prints
;; "N passed, M failed" and exits non-zero on failure.

;;; Code:

(require 'cl-lib)

(defconst kpi-test--dir
  (file-name-directory (or load-file-name buffer-file-name))
  "The editors/tests folder.")

(add-to-list 'load-path (expand-file-name "../emacs" kpi-test--dir))
(require 'kpi-mode)
(require 'eglot)
(require 'flymake)
(require 'xref)

(defvar kpi-test--passed 0)
(defvar kpi-test--failed 0)
(defconst kpi-test--timeout 20 "Seconds to wait for the server.")

(defun kpi-test--check (name ok &optional detail)
  "Record check NAME as passed when OK; print DETAIL on failure."
  (if ok
      (progn (cl-incf kpi-test--passed) (princ (format "ok - %s\n" name)))
    (cl-incf kpi-test--failed)
    (princ (format "FAIL - %s%s\n" name (if detail (format ": %S" detail) ""))))
  ok)

(defun kpi-test--wait (predicate &optional tick)
  "Wait up to `kpi-test--timeout' seconds for PREDICATE; call TICK meanwhile."
  (let ((deadline (+ (float-time) kpi-test--timeout))
        (result nil))
    (while (and (not (setq result (funcall predicate)))
                (< (float-time) deadline))
      (when tick (funcall tick))
      (accept-process-output nil 0.1))
    result))

(defun kpi-test--line-of (regexp)
  "Line number of the first line matching REGEXP in the current buffer."
  (save-excursion
    (goto-char (point-min))
    (when (re-search-forward regexp nil t)
      (line-number-at-pos))))

(defun kpi-test--diagnostic (code)
  "The Flymake diagnostic of the current buffer whose text has [CODE]."
  (cl-find-if (lambda (d)
                (string-match-p (regexp-quote (format "[%s]" code))
                                (flymake-diagnostic-text d)))
              (flymake-diagnostics)))

(defun kpi-test--hover-text (regexp)
  "The hover markdown at the first match of REGEXP (point after it)."
  (goto-char (point-min))
  (re-search-forward regexp)
  (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                 (eglot--TextDocumentPositionParams)))
         (contents (plist-get hover :contents)))
    (cond ((stringp contents) contents)
          ((plist-get contents :value))
          (t (format "%S" contents)))))

(cl-defun kpi-test--run ()
  "Run the checks."
  (let* ((bin (getenv "KPI_BIN"))
         (examples (expand-file-name "../../examples" kpi-test--dir))
         (workspace (file-name-as-directory
                     (file-truename (make-temp-file "kpi-emacs-examples" t)))))
    (unless (kpi-test--check "KPI_BIN points to an executable"
                             (and bin (file-executable-p bin)) bin)
      (cl-return-from kpi-test--run))
    (setq kpi-server-command (list bin "lsp"))
    ;; A temporary copy, so nothing in the repository is modified.
    (dolist (file (directory-files examples t "\\.kpi\\'"))
      (copy-file file (expand-file-name (file-name-nondirectory file) workspace)))
    (find-file (expand-file-name "acme.kpi" workspace))
    (kpi-test--check "kpi-mode is chosen for acme.kpi" (eq major-mode 'kpi-mode) major-mode)
    ;; `eglot-ensure' waits for a command loop; batch mode has none.
    (apply #'eglot (eglot--guess-contact))
    (let ((server (kpi-test--wait #'eglot-current-server)))
      (unless (kpi-test--check "eglot connects to the server" server)
        (cl-return-from kpi-test--run))
      ;; Diagnostics through Flymake.
      (kpi-test--wait (lambda () (and (kpi-test--diagnostic "off-track")
                                      (kpi-test--diagnostic "milestone-behind-path")))
                      #'flymake-start)
      (let ((off-track (kpi-test--diagnostic "off-track"))
            (behind (kpi-test--diagnostic "milestone-behind-path"))
            (all (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
        (when (kpi-test--check "flymake shows the off-track warning" off-track all)
          (kpi-test--check "off-track is on line 21"
                           (= 21 (line-number-at-pos (flymake-diagnostic-beg off-track)))
                           (line-number-at-pos (flymake-diagnostic-beg off-track)))
          (kpi-test--check "off-track is a warning"
                           (eq (flymake-diagnostic-type off-track) 'eglot-warning)
                           (flymake-diagnostic-type off-track))
          (kpi-test--check "off-track text has $133K and $136.8K"
                           (and (string-match-p (regexp-quote "$133K") (flymake-diagnostic-text off-track))
                                (string-match-p (regexp-quote "$136.8K") (flymake-diagnostic-text off-track)))
                           (flymake-diagnostic-text off-track)))
        (kpi-test--check "flymake shows milestone-behind-path" behind all))
      ;; Hover numbers.
      (let ((text (kpi-test--hover-text "^kpi revenue-20")))
        (kpi-test--check "hover on revenue-2031 has 20.1%/year and $6.93M"
                         (and (string-match-p (regexp-quote "20.1%/year") text)
                              (string-match-p (regexp-quote "$6.93M") text))
                         text))
      (let ((text (kpi-test--hover-text "^kpi extra-rev")))
        (kpi-test--check "hover on extra-revenue has +$1,100 and +$1,500"
                         (and (string-match-p (regexp-quote "+$1,100") text)
                              (string-match-p (regexp-quote "+$1,500") text))
                         text))
      ;; Go to parent across files, from marketing.kpi.
      (find-file (expand-file-name "marketing.kpi" workspace))
      (let ((marketing (current-buffer)))
        (kpi-test--check "marketing.kpi is managed by the same server"
                         (eq (kpi-test--wait #'eglot-current-server) server))
        ;; xref-find-definitions on the value of `parent: cac'.
        (goto-char (point-min))
        (re-search-forward "^  parent: \\(cac\\)\\_>")
        (goto-char (match-beginning 1))
        (xref-find-definitions (xref-backend-identifier-at-point (xref-find-backend)))
        (kpi-test--wait (lambda () (not (eq (current-buffer) marketing))))
        (kpi-test--check "xref-find-definitions on `parent: cac' opens company.kpi"
                         (string-suffix-p "/company.kpi" (or buffer-file-name ""))
                         buffer-file-name)
        (kpi-test--check "xref-find-definitions lands on `kpi cac'"
                         (eql (line-number-at-pos) (kpi-test--line-of "^kpi cac "))
                         (line-number-at-pos))
        ;; kpi-goto-parent from inside the mql block, not on its parent: line.
        (switch-to-buffer marketing)
        (goto-char (point-min))
        (re-search-forward "^kpi mql ")
        (re-search-forward "^  owner: ")
        (kpi-goto-parent)
        (kpi-test--wait (lambda () (not (eq (current-buffer) marketing))))
        (kpi-test--check "kpi-goto-parent in marketing.kpi opens company.kpi"
                         (string-suffix-p "/company.kpi" (or buffer-file-name ""))
                         buffer-file-name)
        (kpi-test--check "kpi-goto-parent lands on `kpi new-customers'"
                         (eql (line-number-at-pos) (kpi-test--line-of "^kpi new-customers "))
                         (line-number-at-pos)))
      (eglot-shutdown server)
      (kpi-test--check "eglot shuts the server down"
                       (kpi-test--wait (lambda () (not (jsonrpc-running-p server))))))))

(let ((ok (condition-case err
              (progn (kpi-test--run) t)
            (error (kpi-test--check "test script ran without errors" nil err)))))
  (when ok (kpi-test--check "test script ran without errors" t)))
(princ (format "%d passed, %d failed\n" kpi-test--passed kpi-test--failed))
(kill-emacs (if (zerop kpi-test--failed) 0 1))

;;; emacs_examples_test.el ends here
