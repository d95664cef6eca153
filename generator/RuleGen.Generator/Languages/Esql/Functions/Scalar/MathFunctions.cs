using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// ES|QL's math functions (reference: functions-operators/math-functions; kibana/definition/functions/*.json).
    /// ABS, CEIL, FLOOR and ROUND keep their argument's type; the others return double. The arithmetic operators are
    /// the binder's, evaluated by EsqlFunctions.Add/Subtract/Multiply/Divide/Modulo/Negate in the runtime.
    /// </summary>
    internal static class MathFunctions
    {
        private static ScalarFunction OfDouble(string name, string method) => new(name, 1, 1, Returns(EsqlDataType.Double, Numbers), "EsqlFunctions." + method);

        private static ScalarFunction OfTwoDoubles(string name, string method) => new(name, 2, 2, Returns(EsqlDataType.Double, Numbers, Numbers), "EsqlFunctions." + method);

        public static readonly ScalarFunction[] All =
        {
            new("ABS", 1, 1, ReturnsFirst(Numbers), "EsqlFunctions.Abs"),
            new("CEIL", 1, 1, ReturnsFirst(Numbers), "EsqlFunctions.Ceil"),
            new("FLOOR", 1, 1, ReturnsFirst(Numbers), "EsqlFunctions.Floor"),
            new("ROUND", 1, 2, ReturnsFirst(Numbers, Integers), "EsqlFunctions.Round"),
            OfDouble("SIGNUM", "Signum"),
            OfDouble("SQRT", "Sqrt"),
            OfDouble("CBRT", "Cbrt"),
            OfDouble("EXP", "Exp"),
            OfTwoDoubles("POW", "Pow"),
            // LOG([base,] number): one argument is the natural logarithm.
            new("LOG", 1, 2, Returns(EsqlDataType.Double, Numbers, Numbers), "EsqlFunctions.Log"),
            OfDouble("LOG10", "Log10"),
            new("PI", 0, 0, Returns(EsqlDataType.Double), "EsqlFunctions.Pi"),
            new("E", 0, 0, Returns(EsqlDataType.Double), "EsqlFunctions.E"),
            new("TAU", 0, 0, Returns(EsqlDataType.Double), "EsqlFunctions.Tau"),
            OfDouble("SIN", "Sin"),
            OfDouble("COS", "Cos"),
            OfDouble("TAN", "Tan"),
            OfDouble("ASIN", "Asin"),
            OfDouble("ACOS", "Acos"),
            OfDouble("ATAN", "Atan"),
            OfTwoDoubles("ATAN2", "Atan2"),
            OfDouble("SINH", "Sinh"),
            OfDouble("COSH", "Cosh"),
            OfDouble("TANH", "Tanh"),
            OfTwoDoubles("HYPOT", "Hypot"),
        };
    }
}
