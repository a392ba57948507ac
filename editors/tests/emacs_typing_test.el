;;; emacs_typing_test.el --- what an Emacs user types, with Eglot and the real server -*- lexical-binding: t; -*-

;;; Commentary:

;; Drives editors/emacs/kpi-mode.el with Eglot against the real kpi
;; language server (KPI_BIN) on a copy of examples/:
;;
;;   KPI_BIN=/path/to/kpi emacs --batch -l editors/tests/emacs_typing_test.el
;;
;; In acme.kpi it types `parent: rep' and `metric: Chu' on the lines of a
;; new KPI and runs `completion-at-point' (Eglot's completion), which must
;; insert `repeat-customers' and `Churn Rate' (the word typed is not offered
;; back); then `kpi-goto-parent' (C-c C-p) on the `parent:' line of
;; new-customers must land on its parent, extra-revenue.  It prints
;; "N passed, M failed" and exits non-zero on failure.

;;; Code:

(require 'cl-lib)

(defconst kpi-test--dir
  (file-name-directory (or load-file-name buffer-file-name))
  "The editors/tests folder.")

(add-to-list 'load-path (expand-file-name "../emacs" kpi-test--dir))
(require 'kpi-mode)
(require 'eglot)

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

(defun kpi-test--wait (predicate)
  "Wait up to `kpi-test--timeout' seconds for PREDICATE."
  (let ((deadline (+ (float-time) kpi-test--timeout))
        (result nil))
    (while (and (not (setq result (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.1))
    result))

(defun kpi-test--current-line ()
  "The text of the line at point."
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(defun kpi-test--complete (text)
  "Open a line below point, type TEXT, run `completion-at-point'.
Return the line as it is afterwards."
  (end-of-line)
  (newline)
  (indent-according-to-mode)
  (insert text)
  (completion-at-point)
  (kpi-test--current-line))

(cl-defun kpi-test--run ()
  "Run the checks."
  (let* ((bin (getenv "KPI_BIN"))
         (examples (expand-file-name "../../examples" kpi-test--dir))
         (workspace (file-name-as-directory
                     (file-truename (make-temp-file "kpi-emacs-typing" t)))))
    (unless (kpi-test--check "KPI_BIN points to an executable"
                             (and bin (file-executable-p bin)) bin)
      (cl-return-from kpi-test--run))
    (setq kpi-server-command (list bin "lsp"))
    (dolist (file (directory-files examples t "\\.kpi\\'"))
      (copy-file file (expand-file-name (file-name-nondirectory file) workspace)))
    (find-file (expand-file-name "acme.kpi" workspace))
    ;; `eglot-ensure' waits for a command loop; batch mode has none.
    (apply #'eglot (eglot--guess-contact))
    (let ((server (kpi-test--wait #'eglot-current-server)))
      (unless (kpi-test--check "eglot connects to the server" server)
        (cl-return-from kpi-test--run))
      ;; A new KPI at the end of the file.
      (goto-char (point-max))
      (insert "\nkpi loyalty \"Loyal customers\"")
      (kpi-test--check "completion-at-point after `parent: rep' inserts repeat-customers"
                       (equal (kpi-test--complete "parent: rep") "  parent: repeat-customers")
                       (kpi-test--current-line))
      (kpi-test--check "completion-at-point after `metric: Chu' inserts Churn Rate"
                       (equal (kpi-test--complete "metric: Chu") "  metric: Churn Rate")
                       (kpi-test--current-line))
      ;; C-c C-p on the parent: line of new-customers: its parent, extra-revenue.
      (dolist (column '(12 3))
        (goto-char (point-min))
        (re-search-forward "^kpi new-customers")
        (forward-line 1)
        (move-to-column column)
        (let ((on (kpi-test--current-line)))
          (call-interactively (key-binding (kbd "C-c C-p")))
          (kpi-test--wait (lambda () (looking-at-p "extra-revenue")))
          (kpi-test--check (format "C-c C-p on `%s' (column %d) lands on `kpi extra-revenue'" on column)
                           (string-prefix-p "kpi extra-revenue" (kpi-test--current-line))
                           (kpi-test--current-line))))
      (set-buffer-modified-p nil)
      (eglot-shutdown server))))

(let ((ok (condition-case err
              (progn (kpi-test--run) t)
            (error (kpi-test--check "test script ran without errors" nil err)))))
  (when ok (kpi-test--check "test script ran without errors" t)))
(princ (format "%d passed, %d failed\n" kpi-test--passed kpi-test--failed))
(kill-emacs (if (zerop kpi-test--failed) 0 1))

;;; emacs_typing_test.el ends here
