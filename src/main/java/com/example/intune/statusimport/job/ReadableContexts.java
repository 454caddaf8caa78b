package com.example.intune.statusimport.job;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;

/**
 * The step's saved state (reader position, report length, counts) as JSON in the job store, which anyone checking
 * the store can read: Spring Batch's default, Base64 Java serialisation, hides what it holds. A job store written by
 * an earlier version in the old form is still read.
 */
final class ReadableContexts implements ExecutionContextSerializer {

	private final JacksonExecutionContextStringSerializer json = new JacksonExecutionContextStringSerializer();

	private final DefaultExecutionContextSerializer older = new DefaultExecutionContextSerializer();

	@Override
	public void serialize(Map<String, Object> context, OutputStream out) throws IOException {
		this.json.serialize(context, out);
	}

	@Override
	public Map<String, Object> deserialize(InputStream in) throws IOException {
		BufferedInputStream bytes = new BufferedInputStream(in);
		bytes.mark(1);
		int first = bytes.read();
		bytes.reset();
		return first == '{' ? this.json.deserialize(bytes) : this.older.deserialize(bytes);
	}

}
