package com.example.intune.statusimport.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.RowReader;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.validation.DateTimeReading;
import com.example.intune.statusimport.validation.RowValidation;
import com.example.intune.statusimport.validation.RowValidator;

/**
 * What the rollback file tests share: reading and validating a file as the job does, and a step that drives the
 * rollback file as Spring Batch does.
 */
final class Rollbacks {

	static final String DEFAULT_CONFIGURATION = "cfg-default";

	private Rollbacks() {
	}

	/** Every row of the file as the import reads it. */
	static List<SourceRow> read(InputFile input, String defaultConfigurationId) throws Exception {
		RowReader reader = RowReader.forInput(input, defaultConfigurationId);
		reader.open(new ExecutionContext());
		List<SourceRow> rows = new ArrayList<>();
		for (SourceRow row; (row = reader.read()) != null;) {
			rows.add(row);
		}
		reader.close();
		return rows;
	}

	/** Every row of the file as the import would send it, or refuse it. */
	static List<RowValidation> imported(InputFile input, String defaultConfigurationId) throws Exception {
		RowValidator validator = validator(defaultConfigurationId);
		return read(input, defaultConfigurationId).stream().map(validator::validate).toList();
	}

	static RowValidator validator(String defaultConfigurationId) {
		return new RowValidator(defaultConfigurationId, DateTimeReading.ISO_WITH_OFFSET);
	}

	/** A map that may hold {@code null}: what Graph held, property by property. */
	static Map<DeviceStatusProperty, String> before(Object... pairs) {
		Map<DeviceStatusProperty, String> before = new EnumMap<>(DeviceStatusProperty.class);
		for (int i = 0; i < pairs.length; i += 2) {
			before.put((DeviceStatusProperty) pairs[i], (String) pairs[i + 1]);
		}
		return before;
	}

	/**
	 * One run of the step, as Spring Batch drives the rollback file: opened with the state the job store kept, rows
	 * applied, the state saved at each commit, the step's end told to the file, then closed.
	 */
	static final class Run {

		final StepExecution step;

		final RollbackFile file;

		private final InputFile input;

		private final List<SourceRow> rows;

		private final RowValidator validator;

		/** The step's state as the job store last saved it. */
		ExecutionContext saved;

		Run(InputFile input, Path path, boolean given, ExecutionContext saved) throws Exception {
			this(input, path, given, saved, DEFAULT_CONFIGURATION);
		}

		Run(InputFile input, Path path, boolean given, ExecutionContext saved, String defaultConfigurationId)
				throws Exception {
			this.input = input;
			this.rows = read(input, defaultConfigurationId);
			this.validator = validator(defaultConfigurationId);
			this.step = new StepExecution("importRows", new JobExecution(1L, new JobInstance(1L, "job"),
					new JobParameters()));
			this.step.setExecutionContext(new ExecutionContext(saved));
			this.file = RollbackFile.forInput(input, path, given, this.validator);
			this.file.open(this.step.getExecutionContext());
			this.saved = new ExecutionContext(this.step.getExecutionContext());
		}

		/** The row of the input at {@code index} (from 0) was applied, Graph having held {@code before}. */
		Run applied(int index, Map<DeviceStatusProperty, String> before) {
			SourceRow row = this.rows.get(index);
			RowValidation validation = this.validator.validate(row);
			if (!validation.isValid()) {
				throw new IllegalArgumentException("row " + index + " of " + this.input.path() + " is invalid: "
						+ validation.problem());
			}
			this.file.append(row, validation.update(), before);
			return this;
		}

		/**
		 * The rows of the input at these indexes (from 0) are about to be sent, in one chunk, Graph holding what
		 * follows each: pairs of an index and a map of what Graph held.
		 */
		@SuppressWarnings("unchecked")
		Run sending(Object... indexAndBefore) {
			List<RollbackFile.Sending> sending = new ArrayList<>();
			for (int i = 0; i < indexAndBefore.length; i += 2) {
				SourceRow row = this.rows.get((Integer) indexAndBefore[i]);
				sending.add(new RollbackFile.Sending(row.line(), this.validator.validate(row).update(),
						(Map<DeviceStatusProperty, String>) indexAndBefore[i + 1]));
			}
			this.file.sending(sending);
			return this;
		}

		/** The row of the input at {@code index} (from 0) was found holding what Graph holds: it was not sent. */
		Run unchanged(int index) {
			SourceRow row = this.rows.get(index);
			this.file.unchanged(row, this.validator.validate(row).update());
			return this;
		}

		Run commit() {
			this.file.update(this.step.getExecutionContext());
			this.saved = new ExecutionContext(this.step.getExecutionContext());
			return this;
		}

		/** The step ends with {@code status}: the file is told, the state saved, the file closed. */
		ExecutionContext end(BatchStatus status) {
			this.step.setStatus(status);
			this.file.afterStep(this.step);
			this.saved = new ExecutionContext(this.step.getExecutionContext());
			this.file.close();
			return this.saved;
		}

	}

}
