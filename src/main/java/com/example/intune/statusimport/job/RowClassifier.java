package com.example.intune.statusimport.job;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.report.RowFailure;
import com.example.intune.statusimport.validation.RowValidation;
import com.example.intune.statusimport.validation.RowValidator;

/**
 * Decides what happens to each row: sent, or reported as malformed, invalid or duplicate. Every row goes on to the
 * writer (none is filtered out), so that each one is either applied or reported within the same chunk transaction.
 */
class RowClassifier implements ItemProcessor<SourceRow, ImportItem> {

	private final RowValidator validator;

	RowClassifier(RowValidator validator) {
		this.validator = validator;
	}

	@Override
	public ImportItem process(SourceRow row) {
		if (row.malformed()) {
			return failed(row, FailureCategory.MALFORMED, String.join("; ", row.readProblems()));
		}
		RowValidation validation = this.validator.validate(row);
		if (!validation.isValid()) {
			return new ImportItem(row, null, RowFailure.beforeSending(FailureCategory.INVALID, validation.problem(),
					validation.failedProperties()));
		}
		if (isStillADuplicate(row)) {
			// fed back alone it has no earlier row to repeat, and would overwrite what that row sent
			return failed(row, FailureCategory.DUPLICATE, "the report this row comes from found it repeats an earlier"
					+ " row, so it was not sent: merge it into that row and delete it here, or, when this row holds"
					+ " the values to send, empty its " + SourceRow.EARLIER_ERROR_KEY + " cell (in a plan, its "
					+ SourceRow.PLANNED_ACTION_KEY + " cell)");
		}
		if (row.isDuplicate()) {
			return failed(row, FailureCategory.DUPLICATE, "line " + row.duplicateOfLine() + " already updates "
					+ validation.update().deviceConfigurationId() + "/" + validation.update().id()
					+ "; this row was not sent. Merge the two rows into one (in this report, the row stays a duplicate"
					+ " until its " + SourceRow.EARLIER_ERROR_KEY + " cell, or in a plan its "
					+ SourceRow.PLANNED_ACTION_KEY + " cell, is emptied).");
		}
		return new ImportItem(row, validation.update(), null);
	}

	private static boolean isStillADuplicate(SourceRow row) {
		return row.earlierError() != null
				&& row.earlierError().strip().equalsIgnoreCase(FailureCategory.DUPLICATE.label());
	}

	private static ImportItem failed(SourceRow row, FailureCategory category, String message) {
		return new ImportItem(row, null, RowFailure.beforeSending(category, message));
	}

}
