namespace AiCtiPortal.Domain.Exports.Stix;

/// <summary>The outcome of checking a pattern: null error when it parses.</summary>
public sealed record StixPatternCheck(bool IsValid, string? Error, int? Position)
{
    public static StixPatternCheck Valid { get; } = new(true, null, null);
}

/// <summary>
/// Checks that a string is a sentence of the STIX 2.1 patterning grammar (STIX 2.1 section 9, the ANTLR grammar the
/// specification publishes): a recursive-descent parser over the same rules, left-associative operators as loops.
/// It accepts or rejects with the position of the first offending token; it evaluates nothing.
/// </summary>
public sealed class StixPatternGrammar
{
    private readonly List<PatternLexeme> _tokens;
    private int _next;

    private StixPatternGrammar(string pattern) => _tokens = StixPatternLexer.Tokenize(pattern);

    public static StixPatternCheck Check(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var parser = new StixPatternGrammar(pattern);
        try
        {
            parser.ObservationExpressions();
            parser.Expect(PatternToken.End, "the end of the pattern");
            return StixPatternCheck.Valid;
        }
        catch (PatternSyntaxException ex)
        {
            return new StixPatternCheck(false, ex.Message, ex.Position);
        }
    }

    private PatternLexeme Current => _tokens[_next];

    private bool Accept(PatternToken kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _next++;
        return true;
    }

    private void Expect(PatternToken kind, string what)
    {
        if (!Accept(kind))
        {
            throw Unexpected(what);
        }
    }

    private void ExpectAny(string what, params PatternToken[] kinds)
    {
        if (!kinds.Contains(Current.Kind))
        {
            throw Unexpected(what);
        }

        _next++;
    }

    private PatternSyntaxException Unexpected(string expected)
    {
        var found = Current.Kind == PatternToken.End ? "the end of the pattern" : $"'{Current.Text}'";
        return new PatternSyntaxException($"Expected {expected} at position {Current.Position}, found {found}.", Current.Position);
    }

    // observationExpressions: observationExpressionOr (FOLLOWEDBY observationExpressionOr)*
    private void ObservationExpressions()
    {
        do
        {
            ObservationOr();
        }
        while (Accept(PatternToken.FollowedBy));
    }

    private void ObservationOr()
    {
        do
        {
            ObservationAnd();
        }
        while (Accept(PatternToken.Or));
    }

    private void ObservationAnd()
    {
        do
        {
            ObservationExpression();
        }
        while (Accept(PatternToken.And));
    }

    // observationExpression: ( '[' comparisonExpression ']' | '(' observationExpressions ')' ) qualifier*
    private void ObservationExpression()
    {
        if (Accept(PatternToken.LBrack))
        {
            ComparisonExpression();
            Expect(PatternToken.RBrack, "']' to close the comparison");
        }
        else if (Accept(PatternToken.LParen))
        {
            ObservationExpressions();
            Expect(PatternToken.RParen, "')' to close the observation expression");
        }
        else
        {
            throw Unexpected("'[' or '(' to start an observation expression");
        }

        while (Qualifier())
        {
        }
    }

    private bool Qualifier()
    {
        if (Accept(PatternToken.Start))
        {
            Expect(PatternToken.Timestamp, "a t'...' timestamp after START");
            Expect(PatternToken.Stop, "STOP");
            Expect(PatternToken.Timestamp, "a t'...' timestamp after STOP");
            return true;
        }

        if (Accept(PatternToken.Within))
        {
            ExpectAny("a positive number of seconds", PatternToken.IntPos, PatternToken.FloatPos);
            Expect(PatternToken.Seconds, "SECONDS");
            return true;
        }

        if (Accept(PatternToken.Repeats))
        {
            Expect(PatternToken.IntPos, "a positive count after REPEATS");
            Expect(PatternToken.Times, "TIMES");
            return true;
        }

        return false;
    }

    private void ComparisonExpression()
    {
        do
        {
            ComparisonAnd();
        }
        while (Accept(PatternToken.Or));
    }

    private void ComparisonAnd()
    {
        do
        {
            PropertyTest();
        }
        while (Accept(PatternToken.And));
    }

    private void PropertyTest()
    {
        if (Accept(PatternToken.LParen))
        {
            ComparisonExpression();
            Expect(PatternToken.RParen, "')' to close the comparison");
            return;
        }

        if (Current.Kind == PatternToken.Exists || (Current.Kind == PatternToken.Not && _tokens[_next + 1].Kind == PatternToken.Exists))
        {
            Accept(PatternToken.Not);
            Expect(PatternToken.Exists, "EXISTS");
            ObjectPath();
            return;
        }

        ObjectPath();
        Accept(PatternToken.Not);
        switch (Current.Kind)
        {
            case PatternToken.Eq or PatternToken.Neq:
                _next++;
                PrimitiveLiteral();
                break;
            case PatternToken.Gt or PatternToken.Lt or PatternToken.Ge or PatternToken.Le:
                _next++;
                ExpectAny("a number, string, binary, hex or timestamp literal", OrderableLiterals);
                break;
            case PatternToken.In:
                _next++;
                SetLiteral();
                break;
            case PatternToken.Like or PatternToken.Matches or PatternToken.IsSubset or PatternToken.IsSuperset:
                _next++;
                Expect(PatternToken.String, "a quoted string");
                break;
            default:
                throw Unexpected("a comparison operator (=, !=, <, >, <=, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
        }
    }

    private static readonly PatternToken[] OrderableLiterals =
    [
        PatternToken.IntPos, PatternToken.IntNeg, PatternToken.FloatPos, PatternToken.FloatNeg, PatternToken.String,
        PatternToken.Binary, PatternToken.Hex, PatternToken.Timestamp,
    ];

    private void PrimitiveLiteral()
    {
        if (!Accept(PatternToken.True) && !Accept(PatternToken.False))
        {
            ExpectAny("a literal value", OrderableLiterals);
        }
    }

    private void SetLiteral()
    {
        Expect(PatternToken.LParen, "'(' to start a set");
        if (Accept(PatternToken.RParen))
        {
            return;
        }

        do
        {
            PrimitiveLiteral();
        }
        while (Accept(PatternToken.Comma));

        Expect(PatternToken.RParen, "')' to close the set");
    }

    // objectPath: objectType ':' firstPathComponent objectPathComponent*
    private void ObjectPath()
    {
        ExpectAny("an object type such as file or domain-name", PatternToken.Identifier, PatternToken.HyphenatedIdentifier);
        Expect(PatternToken.Colon, "':' after the object type");
        ExpectAny("a property name", PatternToken.Identifier, PatternToken.String);
        while (true)
        {
            if (Accept(PatternToken.Dot))
            {
                ExpectAny("a property name after '.'", PatternToken.Identifier, PatternToken.String);
            }
            else if (Current.Kind == PatternToken.LBrack)
            {
                _next++;
                ExpectAny("a list index or '*'", PatternToken.IntPos, PatternToken.IntNeg, PatternToken.Asterisk);
                Expect(PatternToken.RBrack, "']' after the list index");
            }
            else
            {
                return;
            }
        }
    }

    private sealed class PatternSyntaxException(string message, int position) : Exception(message)
    {
        public int Position { get; } = position;
    }
}
