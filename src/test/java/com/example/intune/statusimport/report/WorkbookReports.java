package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.input.ColumnLayout;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.input.WorkbookCell;

/** What the workbook report tests share: a workbook input, its rows, a step that drives the report, and reading. */
final class WorkbookReports {

	private WorkbookReports() {
	}

	/**
	 * A workbook input as the report sees it: its path, which the report must never be, and its header's layout.
	 * (Built here rather than inspected from a workbook, so that these tests need no workbook reader.)
	 */
	record Input(Path path, ColumnLayout layout) {
	}

	/** A workbook input whose header is {@code columns}; each names a property, or is an ignored {@code _} column. */
	static Input input(Path dir, String... columns) {
		List<DeviceStatusProperty> properties = new ArrayList<>();
		for (String column : columns) {
			properties.add(DeviceStatusProperty.forColumn(column).orElse(null));
		}
		return new Input(dir.resolve("statuses.xlsx").toAbsolutePath(),
				new ColumnLayout(List.of(columns), properties, null));
	}

	static SourceRow row(long line, WorkbookCell... cells) {
		return new SourceRow(line, Map.of(), new SourceRow.WorkbookCells(List.of(cells)), List.of(), false, 0);
	}

	static WorkbookCell text(String text) {
		return WorkbookCell.text(text);
	}

	static WorkbookCell number(double value, String format, String shown) {
		return new WorkbookCell(WorkbookCell.Type.NUMBER, shown, value, format);
	}

	static WorkbookCell date(double serial, String format, String localDateTime) {
		return new WorkbookCell(WorkbookCell.Type.DATE, localDateTime, serial, format);
	}

	static RowFailure invalid(String message, DeviceStatusProperty... failed) {
		return RowFailure.beforeSending(FailureCategory.INVALID, message, java.util.Set.of(failed));
	}

	/**
	 * One run of the step, as Spring Batch drives its report: opened with the state the job store kept, rows
	 * appended, the state saved at each commit, the step's end told to the report, then closed.
	 */
	static final class Run {

		final StepExecution step;

		final FailureReport report;

		/** The step's state as the job store last saved it. */
		ExecutionContext saved;

		Run(Input input, Path path, ExecutionContext saved) {
			this.step = new StepExecution("importRows", new JobExecution(1L, new JobInstance(1L, "job"),
					new JobParameters()));
			this.step.setExecutionContext(new ExecutionContext(saved));
			this.report = new WorkbookFailureReport(path, input.path(), input.layout());
			this.report.open(this.step.getExecutionContext());
			this.saved = new ExecutionContext(saved);
		}

		Run fail(SourceRow row, RowFailure failure) {
			this.report.append(row, failure);
			return this;
		}

		Run commit() {
			this.report.update(this.step.getExecutionContext());
			this.saved = new ExecutionContext(this.step.getExecutionContext());
			return this;
		}

		/** The step ends with {@code status}: the report is written, the state saved, the report closed. */
		ExecutionContext end(BatchStatus status) {
			this.step.setStatus(status);
			this.report.afterStep(this.step);
			this.saved = new ExecutionContext(this.step.getExecutionContext());
			this.report.close();
			return this.saved;
		}

	}

	static XSSFWorkbook read(Path workbook) {
		try (InputStream in = Files.newInputStream(workbook)) {
			return new XSSFWorkbook(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Each row of the first sheet as a person sees its cells, the header first. */
	static List<List<String>> shown(Path workbook) {
		return shown(workbook, 0);
	}

	/** Each row of the sheet at {@code index} (from 0) as a person sees its cells, the header first. */
	static List<List<String>> shown(Path workbook, int index) {
		try (XSSFWorkbook book = read(workbook)) {
			XSSFSheet sheet = book.getSheetAt(index);
			DataFormatter formatter = new DataFormatter();
			List<List<String>> rows = new ArrayList<>();
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int i = 0; i < row.getLastCellNum(); i++) {
					Cell cell = row.getCell(i);
					cells.add(cell == null ? "" : formatter.formatCellValue(cell));
				}
				rows.add(cells);
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
