/**
 * Signing in as an application: choosing exactly one credential, getting and renewing tokens with MSAL4J, and the
 * national clouds. Secrets and tokens are never printed, logged or stored.
 */
package com.example.intune.statusimport.signin;
