package dev.synod.runtime.gates.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * What other classes can see of one class, read from javac's model of it once it has been
 * analysed: its kind, modifiers, type parameters, supertypes, annotations, permitted subclasses
 * and every member that is not private (its modifiers, type, thrown types, annotations, default
 * value), as text; and, apart, its compile-time constants, which javac copies into the classes
 * that use them. A class whose {@code api} is unchanged cannot change how another class compiles,
 * except through its {@code constants}.
 *
 * @param api         the visible declarations, as text
 * @param constants   the non-private constant fields and their values, as text; empty when none
 * @param supertypes  the binary names of its direct superclass and interfaces
 */
public record ClassApi(String api, String constants, Set<String> supertypes) {
    public ClassApi {
        supertypes = Set.copyOf(supertypes);
    }

    /** The API of {@code type} and of each of its member types, by binary name, into {@code out}. */
    public static void collect(TypeElement type, Elements elements, Map<String, ClassApi> out) {
        StringBuilder api = new StringBuilder();
        StringBuilder constants = new StringBuilder();
        Set<String> supertypes = new HashSet<>();
        api.append(type.getKind()).append(' ').append(modifiers(type)).append(' ').append(type.getQualifiedName());
        typeParameters(type.getTypeParameters(), api);
        api.append(" extends ").append(type.getSuperclass()).append(" implements ").append(type.getInterfaces());
        api.append(" permits ").append(type.getPermittedSubclasses());
        annotations(type.getAnnotationMirrors(), api);
        api.append('\n');
        addSupertype(type.getSuperclass(), elements, supertypes);
        type.getInterfaces().forEach(t -> addSupertype(t, elements, supertypes));
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement nested) {
                collect(nested, elements, out);
            }
            if (member.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            api.append(member.getKind()).append(' ').append(modifiers(member)).append(' ').append(member.getSimpleName());
            switch (member) {
                case ExecutableElement method -> {
                    typeParameters(method.getTypeParameters(), api);
                    api.append(' ').append(method.asType()).append(" throws ").append(method.getThrownTypes())
                            .append(" varargs=").append(method.isVarArgs()).append(" default=").append(method.getDefaultValue());
                }
                case VariableElement field -> {
                    api.append(' ').append(field.asType());
                    Object value = field.getConstantValue();
                    if (value != null) {
                        constants.append(field.getSimpleName()).append('=').append(elements.getConstantExpression(value))
                                .append('\n');
                    }
                }
                default -> api.append(' ').append(member.asType());
            }
            annotations(member.getAnnotationMirrors(), api);
            api.append('\n');
        }
        out.put(elements.getBinaryName(type).toString(), new ClassApi(api.toString(), constants.toString(), supertypes));
    }

    private static String modifiers(Element e) {
        return new TreeSet<>(e.getModifiers().stream().map(Modifier::toString).toList()).toString();
    }

    private static void typeParameters(List<? extends TypeParameterElement> parameters, StringBuilder out) {
        for (TypeParameterElement p : parameters) {
            out.append(" <").append(p.getSimpleName()).append(" extends ").append(p.getBounds()).append('>');
        }
    }

    private static void annotations(List<? extends AnnotationMirror> annotations, StringBuilder out) {
        for (AnnotationMirror a : annotations) {
            out.append(' ').append(a);
        }
    }

    private static void addSupertype(TypeMirror type, Elements elements, Set<String> out) {
        if (type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).asElement() instanceof TypeElement t) {
            out.add(elements.getBinaryName(t).toString());
        }
    }
}
