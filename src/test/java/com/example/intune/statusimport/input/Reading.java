package com.example.intune.statusimport.input;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.UnixOperatingSystemMXBean;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** What the reader tests share: reading a whole file as the job does, and counting the files left open. */
final class Reading {

	private Reading() {
	}

	static List<SourceRow> readAll(InputFile input) throws Exception {
		RowReader reader = RowReader.forInput(input, "cfg-default");
		reader.open(new ExecutionContext());
		List<SourceRow> rows = new ArrayList<>();
		for (SourceRow row; (row = reader.read()) != null;) {
			rows.add(row);
		}
		reader.close();
		return rows;
	}

	/**
	 * Reads the file to its end and closes the reader, five times: the files this process holds open have not grown
	 * by one a read. A round before counting loads what reading needs, such as classes from their jars; the count is
	 * the whole process's, where the threads of earlier tests (a database closing, a server stopping) may still open
	 * or close a file, so a leak shows as five more, not as any difference.
	 */
	static void assertClosingReleasesTheFile(InputFile input) throws Exception {
		OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
		assumeThat(system).isInstanceOf(UnixOperatingSystemMXBean.class);
		UnixOperatingSystemMXBean unix = (UnixOperatingSystemMXBean) system;
		readAll(input);
		long before = unix.getOpenFileDescriptorCount();
		for (int i = 0; i < 5; i++) {
			readAll(input);
		}
		assertThat(unix.getOpenFileDescriptorCount()).as("files open after reading five times")
			.isLessThan(before + 5);
	}

}
