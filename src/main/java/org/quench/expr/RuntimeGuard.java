package org.quench.expr;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * Runtime checks that the compiler cannot make: the sandbox rewrites {@code a[b]}, {@code a[b] = c},
 * {@code a * b} and {@code a ** b} into calls to these methods. Public only because compiled
 * expressions live in another class loader; not meant for other callers.
 */
public final class RuntimeGuard {
    /** Largest string or collection an expression may build with {@code *}. */
    static final long MAX_REPEAT_SIZE = 1_000_000;
    /** Largest integer exponent: 2 ** 10000 is already a 3,000-digit number. */
    static final long MAX_EXPONENT = 10_000;

    private RuntimeGuard() {
    }

    /**
     * {@code a[b]}. On anything but a map, a text index would read a property by name
     * ({@code 'x'['class']}), so only maps take text keys.
     */
    public static Object index(Object target, Object key) {
        if (target == null) {
            throw new SandboxRefusal("cannot index a null value with [" + key + "]");
        }
        checkIndexable(target, key);
        return InvokerHelper.invokeMethod(target, "getAt", new Object[]{key});
    }

    /** {@code a?[b]}. */
    public static Object safeIndex(Object target, Object key) {
        return target == null ? null : index(target, key);
    }

    /** {@code a[b] = c}: only maps, lists and arrays can be written to. */
    public static Object store(Object target, Object key, Object value) {
        if (!(target instanceof Map<?, ?> || target instanceof List<?> || (target != null && target.getClass().isArray()))) {
            throw new SandboxRefusal("only maps and lists can be written with [..] = ..");
        }
        checkIndexable(target, key);
        InvokerHelper.invokeMethod(target, "putAt", new Object[]{key, value});
        return value;
    }

    private static void checkIndexable(Object target, Object key) {
        if (key instanceof CharSequence && !(target instanceof Map<?, ?>)) {
            throw new SandboxRefusal("only maps can be indexed by name; write value.name for a property");
        }
    }

    /** {@code a * b}, refusing to build huge strings or lists ('x' * 1e9 is a memory bomb). */
    public static Object multiply(Object left, Object right) {
        long size = sizeOf(left);
        if (size >= 0 && right instanceof Number n) {
            double result = (double) size * n.doubleValue();
            if (result > MAX_REPEAT_SIZE) {
                throw new SandboxRefusal("`*` would build a value of " + (long) result
                        + " items; the limit is " + MAX_REPEAT_SIZE);
            }
        }
        return InvokerHelper.invokeMethod(left, "multiply", new Object[]{right});
    }

    /** {@code a ** b}, refusing integer exponents that would compute for minutes. */
    public static Object power(Object base, Object exponent) {
        boolean integral = base instanceof Integer || base instanceof Long || base instanceof BigInteger
                || base instanceof Short || base instanceof Byte;
        if (integral && exponent instanceof Number e && Math.abs(e.doubleValue()) > MAX_EXPONENT
                && ((Number) base).doubleValue() != 0 && Math.abs(((Number) base).doubleValue()) != 1) {
            throw new SandboxRefusal("`**` exponent " + e + " is too large; the limit is " + MAX_EXPONENT);
        }
        return InvokerHelper.invokeMethod(base, "power", new Object[]{exponent});
    }

    private static long sizeOf(Object value) {
        if (value instanceof CharSequence s) {
            return s.length();
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value != null && value.getClass().isArray()) {
            return Array.getLength(value);
        }
        return -1;
    }

    /** Thrown by the guards; the engine turns it into an {@link ExpressionException}. */
    static final class SandboxRefusal extends RuntimeException {
        SandboxRefusal(String message) {
            super(message);
        }
    }
}
