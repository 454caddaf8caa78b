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
		if (row.isDuplicate()) {
			return failed(row, FailureCategory.DUPLICATE, "line " + row.duplicateOfLine() + " already updates "
					+ validation.update().deviceConfigurationId() + "/" + validation.update().id()
					+ "; this row was not sent. Merge the two rows into one.");
		}
		return new ImportItem(row, validation.update(), null);
	}

	private static ImportItem failed(SourceRow row, FailureCategory category, String message) {
		return new ImportItem(row, null, RowFailure.beforeSending(category, message));
	}

}
