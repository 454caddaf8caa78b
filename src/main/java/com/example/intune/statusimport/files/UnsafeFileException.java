package com.example.intune.statusimport.files;

/**
 * A file the job would write cannot be written safely: it is a symbolic link, not a regular file, the input, or
 * another file of the run. The run stops before it reads or sends anything (exit code 3).
 */
public class UnsafeFileException extends RuntimeException {

	public UnsafeFileException(String message) {
		super(message);
	}

}
