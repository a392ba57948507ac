;;; emacs_smoke.el --- Server-less checks of kpi-mode -*- lexical-binding: t; -*-

;;; Commentary:

;; Run by check_static.py:
;;
;;   emacs --batch -l editors/tests/emacs_smoke.el
;;
;; Checks `auto-mode-alist', comment settings, font-lock faces on the
;; sample plan, indentation, the parent: lookup used by `kpi-goto-parent',
;; imenu, and the Eglot registration.  Prints "ok - ..."/"FAIL - ..." lines
;; and "N passed, M failed"; exits non-zero on failure.

;;; Code:

(require 'cl-lib)
(require 'imenu)

(defconst kpi-smoke--dir
  (file-name-directory (or load-file-name buffer-file-name))
  "The editors/tests folder.")

(add-to-list 'load-path (expand-file-name "../emacs" kpi-smoke--dir))
(require 'kpi-mode)

(defvar kpi-smoke--passed 0)
(defvar kpi-smoke--failed 0)

(defun kpi-smoke--check (name ok &optional detail)
  "Record check NAME as passed when OK; print DETAIL on failure."
  (if ok
      (progn (cl-incf kpi-smoke--passed) (princ (format "ok - %s\n" name)))
    (cl-incf kpi-smoke--failed)
    (princ (format "FAIL - %s%s\n" name (if detail (format ": %S" detail) ""))))
  ok)

(defun kpi-smoke--face-at (text &optional offset)
  "Face at the first occurrence of TEXT (plus OFFSET) in the buffer."
  (save-excursion
    (goto-char (point-min))
    (when (search-forward text nil t)
      (let ((face (get-text-property (+ (match-beginning 0) (or offset 0)) 'face)))
        (if (listp face) (car face) face)))))

(defun kpi-smoke--indent-of-line-after (text)
  "Indentation `kpi-mode' computes for the line after the line containing TEXT."
  (save-excursion
    (goto-char (point-min))
    (search-forward text)
    (forward-line 1)
    (kpi-calculate-indentation)))

(defun kpi-smoke--run ()
  "Run the checks."
  (find-file (expand-file-name "fixtures/sample.kpi" kpi-smoke--dir))
  (kpi-smoke--check "*.kpi opens in kpi-mode" (eq major-mode 'kpi-mode) major-mode)
  (kpi-smoke--check "kpi-mode derives from prog-mode" (derived-mode-p 'prog-mode))
  (kpi-smoke--check "comment-start is \"# \"" (equal comment-start "# ") comment-start)
  (font-lock-ensure)
  (dolist (expectation '(("# Acme" 0 font-lock-comment-delimiter-face)
                         ("Acme —" 0 font-lock-comment-face)
                         ("kpi mrr" 0 font-lock-keyword-face)
                         ("kpi mrr" 4 font-lock-function-name-face)
                         ("\"Grow monthly" 1 font-lock-string-face)
                         ("baseline:" 0 font-lock-variable-name-face)
                         ("$125K" 0 kpi-quantity-face)
                         ("+20%" 0 kpi-quantity-face)
                         ("2026-12-31" 0 kpi-date-face)
                         ("by FY2027" 3 kpi-date-face)
                         (" at 2026" 1 font-lock-builtin-face)
                         ("extra-revenue" 0 font-lock-type-face)
                         ("use \"" 0 font-lock-keyword-face)
                         ("2027: $4.6M" 0 kpi-date-face)))
    (let ((face (kpi-smoke--face-at (nth 0 expectation) (nth 1 expectation))))
      (kpi-smoke--check (format "font-lock: %S has %s" (nth 0 expectation) (nth 2 expectation))
                        (eq face (nth 2 expectation)) face)))
  (kpi-smoke--check "indent: 2 after a kpi header" (= 2 (kpi-smoke--indent-of-line-after "kpi mrr")))
  (kpi-smoke--check "indent: 2 after a plan header" (= 2 (kpi-smoke--indent-of-line-after "plan \"Acme")))
  (kpi-smoke--check "indent: 4 after actions:" (= 4 (kpi-smoke--indent-of-line-after "  actions:")))
  (kpi-smoke--check "indent: a field line keeps its indentation"
                    (= 2 (kpi-smoke--indent-of-line-after "  metric: MRR")))
  (kpi-smoke--check "indent: a trailing comment does not open a block"
                    (= 2 (kpi-smoke--indent-of-line-after "perspective: financial")))
  (kpi-smoke--check "indent: kpi headers go to column 0"
                    (save-excursion (goto-char (point-min))
                                    (search-forward "kpi price-increase")
                                    (= 0 (kpi-calculate-indentation))))
  (with-temp-buffer
    (kpi-mode)
    (insert "kpi x \"t\"\n  owner: CFO\n  actions:   # later\n")
    (funcall indent-line-function)
    (kpi-smoke--check "indent-line-function indents under a key with a trailing comment"
                      (= 4 (current-indentation)) (current-indentation)))
  ;; The parent: lookup behind kpi-goto-parent.
  (goto-char (point-min))
  (search-forward "contributes: +$100")
  (let ((pos (kpi--parent-value-position)))
    (kpi-smoke--check "kpi-goto-parent finds the parent: value of the enclosing block"
                      (and pos (string= "extra-revenue"
                                        (buffer-substring-no-properties pos (+ pos 13))))
                      pos))
  (goto-char (point-min))
  (search-forward "milestones:")
  (kpi-smoke--check "a top-level KPI has no parent: field" (null (kpi--parent-value-position)))
  (goto-char (point-min))
  (search-forward "currency:")
  (kpi-smoke--check "kpi-goto-parent outside a KPI block is a user-error"
                    (condition-case nil (progn (kpi-goto-parent) nil) (user-error t)))
  (kpi-smoke--check "C-c C-p runs kpi-goto-parent"
                    (eq (lookup-key kpi-mode-map (kbd "C-c C-p")) #'kpi-goto-parent))
  (let ((index (mapcar #'car (imenu--make-index-alist t))))
    (kpi-smoke--check "imenu lists the KPIs"
                      (cl-every (lambda (id) (member id index)) '("mrr" "price-increase" "revenue-2031"))
                      index))
  (when (require 'eglot nil t)
    (let ((entry (assq 'kpi-mode eglot-server-programs)))
      (kpi-smoke--check "kpi-mode is registered in eglot-server-programs" entry)
      (let ((kpi-server-command '("custom-kpi" "lsp")))
        (kpi-smoke--check "the eglot contact follows kpi-server-command"
                          (equal (funcall (cdr entry) nil) '("custom-kpi" "lsp")))))))

(condition-case err
    (kpi-smoke--run)
  (error (kpi-smoke--check "smoke script ran without errors" nil err)))
(princ (format "%d passed, %d failed\n" kpi-smoke--passed kpi-smoke--failed))
(kill-emacs (if (zerop kpi-smoke--failed) 0 1))

;;; emacs_smoke.el ends here
