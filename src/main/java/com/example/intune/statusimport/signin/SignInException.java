package com.example.intune.statusimport.signin;

import com.example.intune.statusimport.graph.GraphFatalException;

/**
 * Signing in failed: the identity platform refused the credential, or the credential could not be read. The run
 * stops (exit 3) and can be resumed once the credential is fixed. The message never holds a secret.
 */
public class SignInException extends GraphFatalException {

	public SignInException(String message) {
		super(message);
	}

}
