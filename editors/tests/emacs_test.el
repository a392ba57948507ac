;;; emacs_test.el --- Live test of kpi-mode with Eglot against KPI_BIN -*- lexical-binding: t; -*-

;;; Commentary:

;; Drives editors/emacs/kpi-mode.el with Eglot against a kpi language
;; server whose path is in the KPI_BIN environment variable:
;;
;;   KPI_BIN=/path/to/kpi emacs --batch -l editors/tests/emacs_test.el
;;
;; (Without -Q, so that Eglot installed as a system package is found on
;; Emacs 28.)  It copies tests/fixtures/workspace to a temporary folder,
;; opens plan.kpi, connects Eglot, and checks that diagnostics arrive
;; through Flymake (one of them on the unknown parent), that
;; `kpi-goto-parent' jumps across files to the parent KPI, that `kpi-report'
;; writes the report and opens it with `browse-url', and that Eglot
;; shuts down.  It prints "N passed, M failed" and exits non-zero on
;; failure.

;;; Code:

(require 'cl-lib)

(defconst kpi-test--dir
  (file-name-directory (or load-file-name buffer-file-name))
  "The editors/tests folder.")

(add-to-list 'load-path (expand-file-name "../emacs" kpi-test--dir))
(require 'kpi-mode)
(require 'eglot)
(require 'flymake)
(require 'browse-url)

(defvar kpi-test--passed 0)
(defvar kpi-test--failed 0)
(defconst kpi-test--timeout 15 "Seconds to wait for the server.")

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

(cl-defun kpi-test--run ()
  "Run the checks."
  (let* ((bin (getenv "KPI_BIN"))
         (workspace (file-name-as-directory
                     (file-truename (make-temp-file "kpi-emacs-test" t)))))
    (unless (kpi-test--check "KPI_BIN points to an executable"
                             (and bin (file-executable-p bin)) bin)
      (cl-return-from kpi-test--run))
    (setq kpi-server-command (list bin "lsp"))
    (dolist (name '("company.kpi" "plan.kpi"))
      (copy-file (expand-file-name (concat "fixtures/workspace/" name) kpi-test--dir)
                 (expand-file-name name workspace)))
    (find-file (expand-file-name "plan.kpi" workspace))
    (kpi-test--check "kpi-mode is chosen for .kpi" (eq major-mode 'kpi-mode) major-mode)
    (kpi-test--check "kpi-mode is registered with eglot"
                     (assq 'kpi-mode eglot-server-programs))
    ;; `eglot-ensure' waits for a command loop; batch mode has none.
    (apply #'eglot (eglot--guess-contact))
    (let ((server (kpi-test--wait #'eglot-current-server))
          (plan-buffer (current-buffer))
          (orphan-line (kpi-test--line-of "^[ \t]+parent: no-such-goal")))
      (unless (kpi-test--check "eglot connects to the server" server)
        (cl-return-from kpi-test--run))
      (let ((diagnostics (kpi-test--wait #'flymake-diagnostics #'flymake-start)))
        (kpi-test--check "diagnostics arrive through flymake" diagnostics)
        (kpi-test--check "a diagnostic marks the unknown parent"
                         (cl-some (lambda (d)
                                    (= orphan-line
                                       (line-number-at-pos (flymake-diagnostic-beg d))))
                                  diagnostics)
                         (mapcar #'flymake-diagnostic-text diagnostics)))
      ;; kpi-goto-parent from inside the block, not on its parent: line.
      (goto-char (point-min))
      (re-search-forward "^[ \t]+owner: CRO")
      (kpi-goto-parent)
      (kpi-test--wait (lambda () (not (eq (current-buffer) plan-buffer))))
      (kpi-test--check "kpi-goto-parent opens the parent's file"
                       (string-suffix-p "company.kpi" (or buffer-file-name ""))
                       buffer-file-name)
      (kpi-test--check "kpi-goto-parent lands on the parent KPI"
                       (eql (line-number-at-pos) (kpi-test--line-of "^kpi revenue"))
                       (line-number-at-pos))
      ;; kpi-report writes the page and hands its file:// URL to browse-url.
      (with-current-buffer plan-buffer
        (let* ((opened nil)
               (browse-url-browser-function (lambda (url &rest _) (setq opened url))))
          (kpi-report)
          (kpi-test--check "kpi-report opens the page's file with browse-url"
                           (and opened (string-match-p "\\`file://.*\\.html\\'" opened)) opened)
          (let ((page (and kpi-report-file
                           (with-temp-buffer (insert-file-contents kpi-report-file) (buffer-string)))))
            (kpi-test--check "kpi-report writes the report's page"
                             (and page (string-prefix-p "<!DOCTYPE html>" page)
                                  (string-match-p "data-kpi=\"new-logos\"" page)
                                  (string-match-p "data-kpi=\"revenue\"" page))
                             (and page (substring page 0 (min 200 (length page))))))))
      (with-current-buffer plan-buffer
        (eglot-shutdown server))
      (kpi-test--check "eglot shuts the server down"
                       (kpi-test--wait (lambda () (not (jsonrpc-running-p server))))))))

(let ((ok (condition-case err
              (progn (kpi-test--run) t)
            (error (kpi-test--check "test script ran without errors" nil err)))))
  (when ok (kpi-test--check "test script ran without errors" t)))
(princ (format "%d passed, %d failed\n" kpi-test--passed kpi-test--failed))
(kill-emacs (if (zerop kpi-test--failed) 0 1))

;;; emacs_test.el ends here
