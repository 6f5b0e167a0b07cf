package org.quench.runbook;

/** Types a runbook parameter can declare; values are validated before anything runs. */
public enum ParamType {
    STRING, INT, BOOL, EMAIL, IP, CIDR, DURATION, LIST;
}
